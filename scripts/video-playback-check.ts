/**
 * Proof that a browser plays and seeks what the Local video renderer makes: renders a clip,
 * serves it with HTTP Range support from a loopback server, opens a page with a <video> in
 * headless Chromium (system /usr/bin/chromium, or PLAYWRIGHT_CHROMIUM_PATH), plays it, seeks to
 * 2 s, and writes a screenshot of the page with what the element reports.
 *
 *   npx tsx --conditions=react-server scripts/video-playback-check.ts [--port 5310] [--out .tmp/video-playback.png] [--prompt "…"]
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { chromium } from "@playwright/test";
import { experimental_generateVideo as generateVideo } from "ai";
import { createLocalVideoModel } from "@/lib/generation/local-video/local-video-model";

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const port = Number(arg("--port", "5310"));
const out = path.resolve(arg("--out", ".tmp/video-playback.png"));
const prompt = arg("--prompt", 'retro travel poster, sunset over mountains and the ocean, headline "SUMMER TRAILS"');

/** Answers GET with the whole clip or the byte range asked for, as a media route must for seeking. */
function serve(clip: Uint8Array) {
  return createServer((req, res) => {
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end(`<!doctype html><body style="margin:0;background:#111;color:#eee;font:14px sans-serif"><video id="v" src="/clip.webm" controls muted playsinline width="854" height="480"></video><pre id="facts"></pre></body>`);
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Math.min(Number(range[2]), clip.length - 1) : clip.length - 1;
    res.writeHead(range ? 206 : 200, { "content-type": "video/webm", "accept-ranges": "bytes", "content-length": end - start + 1, ...(range ? { "content-range": `bytes ${start}-${end}/${clip.length}` } : {}) });
    res.end(Buffer.from(clip.subarray(start, end + 1)));
  });
}

async function main() {
  const result = await generateVideo({ model: createLocalVideoModel(), prompt, duration: 5, aspectRatio: "16:9", seed: 7, maxRetries: 0 });
  const clip = result.video.uint8Array;
  const server = serve(clip);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const executablePath = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium"].find((p) => p && existsSync(p));
  // No GPU in a headless server: software decoding and compositing, as on CI.
  const browser = await chromium.launch({ executablePath, args: ["--disable-gpu", "--autoplay-policy=no-user-gesture-required"] });
  try {
    const page = await browser.newPage({ viewport: { width: 854, height: 620 } });
    page.on("crash", () => console.error("the page crashed"));
    page.on("console", (message) => console.error(`page: ${message.text()}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    const facts = await page.evaluate(async () => {
      const video = document.getElementById("v") as HTMLVideoElement;
      // The metadata may have arrived before this script runs.
      if (video.readyState < 1) {
        await new Promise((resolve, reject) => {
          video.addEventListener("loadedmetadata", resolve, { once: true });
          video.addEventListener("error", () => reject(new Error(`media error ${video.error?.code}`)), { once: true });
        });
      }
      await video.play();
      await new Promise((resolve) => setTimeout(resolve, 600));
      const playedTo = video.currentTime;
      video.pause();
      video.currentTime = 2;
      await new Promise((resolve) => video.addEventListener("seeked", resolve, { once: true }));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const report = { duration: video.duration, playedTo, currentTime: video.currentTime, readyState: video.readyState, videoWidth: video.videoWidth, videoHeight: video.videoHeight, canPlayWebm: video.canPlayType('video/webm; codecs="vp8"') };
      document.getElementById("facts")!.textContent = JSON.stringify(report, null, 1);
      return report;
    });
    mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    writeFileSync(out.replace(/\.png$/, ".json"), `${JSON.stringify({ bytes: clip.length, ...facts }, null, 2)}\n`);
    console.log(JSON.stringify({ bytes: clip.length, ...facts, screenshot: out }));
    if (!(facts.duration > 4.9 && facts.playedTo > 0.2 && Math.abs(facts.currentTime - 2) < 0.05 && facts.readyState >= 2)) process.exitCode = 1;
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
