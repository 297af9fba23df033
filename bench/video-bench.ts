/**
 * The video rows of `npm run bench` (section "video"), measured in-process on the library code
 * the server runs (no HTTP: these are CPU-bound stages, and the delivery route comes later):
 *   - Local video renderer: wall and CPU time of a 5 s clip at its default 480p, and at 720p;
 *   - frame extraction (readVideo: probe, decode check, scene scan, frames, audio) per clip, on that
 *     5 s clip and on a 60 s 720p H.264 clip with sound.
 * CPU time is process.cpuUsage() (the JS thread and libvips' threads) plus that of the ffmpeg
 * processes readVideo ran, counted from /proc/self/stat once they have ended (childCpuMs).
 *
 *   npx tsx --conditions=react-server bench/video-bench.ts [--quick] [--json]
 * Runs as its own process (lib/ modules import "server-only", resolved by the react-server condition).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { rowsFromChild } from "./child-rows";
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** For bench/run.ts: the rows, measured in a child process started with the react-server condition. */
export function measureVideoRows(options: { quick: boolean }): Promise<Row[]> {
  return rowsFromChild({ script: "video-bench.ts", args: options.quick ? ["--quick"] : [] });
}

const invokedDirectly = /bench[\\/]video-bench\.ts$/.test(process.argv[1] ?? "");

if (invokedDirectly) {
  void measure().then(
    async (rows) => {
      if (process.argv.includes("--json")) return console.log(JSON.stringify(rows));
      const { formatTable } = await import("./table");
      console.log(formatTable(rows));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
