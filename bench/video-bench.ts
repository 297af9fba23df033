/**
 * The video rows of `npm run bench` (section "video"), measured in-process on the library code
 * the server runs (no HTTP: these are CPU-bound stages, and the delivery route comes later):
 *   - Local video renderer: wall and CPU time of a 5 s clip at its default 480p, and at 720p;
 *   - frame extraction (readVideo: probe, decode check, scene scan, frames, audio) per clip, on that
 *     5 s clip and on a 60 s 720p H.264 clip with sound.
 * CPU time is process.cpuUsage() (the JS thread and libvips' threads) plus that of the ffmpeg
 * processes readVideo ran, counted from /proc/self/stat once they have ended (childCpuMs).
 *
 *   - server memory while 10 clients download a 100 MB clip at once through the clip route's serveVideo.
 *   npx tsx --conditions=react-server bench/video-bench.ts [--quick] [--json] [--serve-only]
 * Runs as its own process (lib/ modules import "server-only", resolved by the react-server condition).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { printRowsWhenRun, rowsFromChild } from "./child-rows";
import { median } from "./stats";
import { ms, type Row } from "./table";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 1 : 3;
const PROMPT = 'retro travel poster, sunset over mountains and the ocean, headline "SUMMER TRAILS"';

/** CPU seconds used by this process's children that have ended (getrusage RUSAGE_CHILDREN, via /proc/self/stat's cutime+cstime). */
function childCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[13]) + Number(fields[14]);
  return (ticks * 1000) / 100;
}

async function timed<T>(run: () => Promise<T>): Promise<{ wallMs: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const children = childCpuMs();
  const started = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 + (childCpuMs() - children), value };
}

async function measure(): Promise<Row[]> {
  const { experimental_generateVideo: generateVideo } = await import("ai");
  const { createLocalVideoModel } = await import("@/lib/generation/local-video/local-video-model");
  const { readVideo } = await import("@/lib/understanding/video/read-video");
  const ffmpeg = (await import("@ffmpeg-installer/ffmpeg")).default.path;
  const dir = mkdtempSync(path.join(tmpdir(), "loupe-video-bench-"));
  const rows: Row[] = [];
  // --serve-only: just the delivery row (no renders), e.g. after changing the clip route.
  if (process.argv.includes("--serve-only")) return serveMemoryRow({ dir }).then((row) => [row]).finally(() => rmSync(dir, { recursive: true, force: true }));
  try {
    const render = (resolution: `${number}x${number}`, seed: number) => generateVideo({ model: createLocalVideoModel(), prompt: PROMPT, duration: 5, resolution, seed, maxRetries: 0 });
    await render("320x180", 1); // warm-up: module loading, JIT, fonts
    let clip480: Uint8Array = new Uint8Array();
    for (const [label, resolution, target] of [["480p (854×480, default)", "854x480", 10_000], ["720p (1280×720)", "1280x720", 20_000]] as const) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timed(() => render(resolution, 7 + i)));
      if (resolution === "854x480") clip480 = runs[0]!.value.video.uint8Array;
      const wall = median(runs.map((r) => r.wallMs));
      rows.push({ id: `video.local.${resolution}`, label: `Local video render, 5 s clip, ${label}`, target: `≤ ${target / 1000} s`, value: ms(wall), spread: `CPU ${ms(median(runs.map((r) => r.cpuMs)))}, ${(runs[0]!.value.video.uint8Array.length / 1024).toFixed(0)} kB`, pass: quick ? null : wall <= target, raw: runs.map((r) => ({ wallMs: r.wallMs, cpuMs: r.cpuMs })) });
    }
    const local = path.join(dir, "local-5s.webm");
    writeFileSync(local, clip480);
    const minute = path.join(dir, "minute-720p.mp4");
    const made = spawnSync(ffmpeg, ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=24:duration=60", "-f", "lavfi", "-i", "sine=frequency=330:duration=60", "-c:v", "libx264", "-preset", "veryfast", "-g", "48", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart", "-y", minute]);
    if (made.status !== 0) throw new Error(`could not make the 60 s clip: ${made.stderr}`);
    for (const [label, file, target] of [["5 s Local WebM, 480p", local, 2_000], ["60 s H.264 MP4, 720p, with sound", minute, 15_000]] as const) {
      await readVideo({ path: file }); // warm-up
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timed(() => readVideo({ path: file })));
      const wall = median(runs.map((r) => r.wallMs));
      const frames = runs[0]!.value.frames.length;
      rows.push({ id: `video.frames.${path.basename(file)}`, label: `Frame extraction per clip, ${label}`, target: `≤ ${target / 1000} s`, value: ms(wall), spread: `CPU ${ms(median(runs.map((r) => r.cpuMs)))}, ${frames} frames`, pass: quick ? null : wall <= target, raw: runs.map((r) => ({ wallMs: r.wallMs, cpuMs: r.cpuMs, frames })) });
    }
    rows.push(await serveMemoryRow({ dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * Server memory while 10 clients download a 100 MB clip at once through serveVideo (the code
 * behind /api/videos/<key> and /s/<token>/videos/<key>), from the local video store, over HTTP:
 * the peak rise of the process's RSS over its level before. Streamed, it stays flat (a few
 * chunks per client); a route that read the file whole would rise by about 1 GB.
 */
async function serveMemoryRow({ dir }: { dir: string }): Promise<Row> {
  const http = await import("node:http");
  const { Readable } = await import("node:stream");
  const { setEnv } = await import("@/tests/support/env");
  const { storeVideoFile } = await import("@/lib/storage/videos");
  const { serveVideo } = await import("@/lib/server/serve-video");
  setEnv({ LOUPE_S3_BUCKET: undefined, LOUPE_DATA_DIR: path.join(dir, "data") });
  const SIZE = 100 * 1024 * 1024;
  const CLIENTS = 10;
  const source = path.join(dir, "hundred.webm");
  const block = Buffer.alloc(1024 * 1024, 7);
  writeFileSync(source, Buffer.concat(Array.from({ length: SIZE / block.length }, () => block)));
  const { key } = await storeVideoFile({ path: source, mediaType: "video/webm" });
  const server = http.createServer((req, res) => {
    const request = new Request(`http://bench${req.url}`, { headers: req.headers as Record<string, string> });
    void serveVideo({ request, key, cacheControl: "private" }).then((response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return res.end();
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>).pipe(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as import("node:net").AddressInfo).port;
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  // Each client reads the whole clip, slowly enough that all ten overlap (as players on real networks do).
  const received = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: i % 2 ? { range: "bytes=0-" } : {} });
      let bytes = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
      return bytes;
    }),
  );
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  server.close();
  if (received.some((b) => b !== SIZE)) throw new Error(`a client received ${received.join(", ")} bytes, not ${SIZE}`);
  const riseMb = (peak - before) / 2 ** 20;
  const TARGET_MB = 96;
  return {
    id: "video.serve.100mb-x10",
    label: "Server memory serving a 100 MB clip to 10 clients at once (streamed, Range)",
    target: `RSS rise ≤ ${TARGET_MB} MB`,
    value: `+${riseMb.toFixed(0)} MB`,
    spread: `${((CLIENTS * SIZE) / 2 ** 20 / (wallMs / 1000)).toFixed(0)} MB/s total, ${ms(wallMs)}`,
    pass: riseMb <= TARGET_MB,
    raw: [{ beforeMb: before / 2 ** 20, peakMb: peak / 2 ** 20, wallMs }],
  };
}

/** For bench/run.ts: the rows, measured in a child process started with the react-server condition. */
export function measureVideoRows(options: { quick: boolean }): Promise<Row[]> {
  return rowsFromChild({ script: "video-bench.ts", args: options.quick ? ["--quick"] : [] });
}

printRowsWhenRun({ script: "video-bench.ts", measure });
