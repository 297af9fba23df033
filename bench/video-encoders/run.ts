/**
 * The two candidates for the Local video renderer's encoder, measured on the same frames
 * (a 5 s clip at 24 fps of the renderer's animated scene) at each size it offers:
 *
 *   A  VP8 keyframes from sharp's libwebp, muxed into WebM by mediabunny (in-process)
 *   B  the ffmpeg binary from @ffmpeg-installer/ffmpeg, fed raw RGB on stdin:
 *      B1 libvpx VP8 WebM, B2 libx264 H.264 MP4 (both single-threaded, so deterministic)
 *
 * For each: wall time, CPU time (this process's, which counts libvips' threads, plus ffmpeg's own
 * from its -benchmark report), peak memory (this process's RSS rise; ffmpeg's maxrss), file size,
 * and whether two runs give identical bytes. Each candidate × size runs in a fresh child process so
 * the memory figures do not mix. Results: docs/video.md.
 *
 *   npx tsx --conditions=react-server bench/video-encoders/run.ts
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ffmpegInstaller from "@ffmpeg-installer/ffmpeg";

const SIZES = [
  [640, 360],
  [854, 480],
  [1280, 720],
] as const;
const CANDIDATES = ["A", "B1", "B2"] as const;
const FPS = 24;
const SECONDS = 5;
const PROMPT = 'retro travel poster, sunset over mountains and the ocean, headline "SUMMER TRAILS"';

type Result = { candidate: string; size: string; wallMs: number; cpuMs: number; peakMb: number; bytes: number; sha: string; drawMs: number };

async function frames(width: number, height: number, onFrame: (rgb: Uint8Array) => Promise<void>): Promise<number> {
  const { rasteriseScene, motionFor, drawFrame } = await import("@/lib/generation/local-video/scene-clip");
  const layers = await rasteriseScene({ prompt: PROMPT, seed: 7, width, height });
  const motion = motionFor({ prompt: PROMPT, seed: 7 });
  let drawMs = 0;
  for (let k = 0; k < FPS * SECONDS; k++) {
    const out = new Uint8Array(width * height * 3);
    const t = performance.now();
    drawFrame({ layers, motion, t: k / FPS, duration: SECONDS, out });
    drawMs += performance.now() - t;
    await onFrame(out);
  }
  return drawMs;
}

async function candidateA(file: string, width: number, height: number): Promise<{ drawMs: number; childCpuMs: number; childPeakMb: number }> {
  const { createWebmWriter } = await import("@/lib/generation/local-video/webm-vp8");
  const writer = await createWebmWriter({ path: file, width, height, fps: FPS });
  const drawMs = await frames(width, height, (rgb) => writer.add(rgb));
  await writer.finish();
  return { drawMs, childCpuMs: 0, childPeakMb: 0 };
}

async function candidateB(file: string, width: number, height: number, codec: "vp8" | "h264"): Promise<{ drawMs: number; childCpuMs: number; childPeakMb: number }> {
  const codecArgs = codec === "vp8" ? ["-c:v", "libvpx", "-b:v", "0", "-crf", "10", "-qmin", "4", "-qmax", "40", "-deadline", "good", "-cpu-used", "4", "-g", "48", "-f", "webm"] : ["-c:v", "libx264", "-preset", "veryfast", "-crf", "22", "-pix_fmt", "yuv420p", "-g", "48", "-movflags", "+faststart", "-f", "mp4"];
  const args = ["-hide_banner", "-benchmark", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", `${width}x${height}`, "-r", String(FPS), "-i", "-", ...codecArgs, "-threads", "1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-y", file];
  const child = spawn(ffmpegInstaller.path, args, { stdio: ["pipe", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  const drawMs = await frames(width, height, (rgb) => new Promise<void>((resolve, reject) => (child.stdin.write(rgb, (error) => (error ? reject(error) : resolve())))));
  child.stdin.end();
  if ((await exited) !== 0) throw new Error(`ffmpeg failed: ${stderr.slice(-400)}`);
  const utime = Number(/utime=([\d.]+)s/.exec(stderr)?.[1] ?? NaN);
  const stime = Number(/stime=([\d.]+)s/.exec(stderr)?.[1] ?? NaN);
  const maxrss = Number(/maxrss=(\d+)kB/.exec(stderr)?.[1] ?? NaN);
  return { drawMs, childCpuMs: (utime + stime) * 1000, childPeakMb: maxrss / 1024 };
}

/** One candidate at one size, in this process: printed as one JSON line. */
async function one(candidate: string, width: number, height: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "loupe-venc-"));
  const results: Result[] = [];
  try {
    for (const run of [0, 1]) {
      const file = path.join(dir, `clip-${run}.${candidate === "B2" ? "mp4" : "webm"}`);
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const cpu = process.cpuUsage();
      const started = performance.now();
      const measured = candidate === "A" ? await candidateA(file, width, height) : await candidateB(file, width, height, candidate === "B1" ? "vp8" : "h264");
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      const used = process.cpuUsage(cpu);
      results.push({
        candidate,
        size: `${width}x${height}`,
        wallMs,
        cpuMs: (used.user + used.system) / 1000 + measured.childCpuMs,
        peakMb: (peak - rssBefore) / 1048576 + measured.childPeakMb,
        bytes: statSync(file).size,
        sha: createHash("sha256").update(readFileSync(file)).digest("hex"),
        drawMs: measured.drawMs,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const [first, second] = results as [Result, Result];
  // The second run is the one reported: the first pays module loading and JIT warm-up.
  console.log(JSON.stringify({ ...second, deterministic: first.sha === second.sha }));
}

function main() {
  const at = process.argv.indexOf("--one");
  if (at >= 0) {
    const [candidate, size] = [process.argv[at + 1]!, process.argv[at + 2]!];
    const [w, h] = size.split("x").map(Number) as [number, number];
    return one(candidate, w, h);
  }
  console.log(`${SECONDS} s at ${FPS} fps, prompt: ${PROMPT}\n`);
  console.log("| candidate | size | wall | CPU | peak memory | file | draw (of wall) | same bytes twice |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const [width, height] of SIZES) {
    for (const candidate of CANDIDATES) {
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--one", candidate, `${width}x${height}`], { encoding: "utf8", maxBuffer: 1 << 20 });
      const line = child.stdout.trim().split("\n").pop() ?? "";
      if (child.status !== 0 || !line.startsWith("{")) {
        console.log(`| ${candidate} | ${width}x${height} | failed: ${child.stderr.slice(-300).replace(/\n/g, " ")} |`);
        continue;
      }
      const r = JSON.parse(line) as Result & { deterministic: boolean };
      console.log(`| ${r.candidate} | ${r.size} | ${(r.wallMs / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${r.peakMb.toFixed(0)} MB | ${(r.bytes / 1024).toFixed(0)} kB | ${(r.drawMs / 1000).toFixed(2)} s | ${r.deterministic ? "yes" : "no"} |`);
    }
  }
}

void Promise.resolve(main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
