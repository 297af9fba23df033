/**
 * Where the app server's memory goes, phase by phase (issue 7, memory row). Starts the bench
 * build (`.tmp/bench-app`, see app-build.ts; build it first with `npm run bench`) with the
 * bench's fakes, drives generate + critique iterations as the memory row does, and at each
 * phase records:
 *   - RSS (/proc/<pid>/status) and /proc/<pid>/smaps_rollup (anonymous vs file-backed),
 *   - /proc/<pid>/smaps grouped: glibc's main heap (`[heap]`, the main arena), other
 *     anonymous mappings (V8's heap, PGlite's WebAssembly memory, the malloc arenas of
 *     libvips/libuv threads, Node's buffers), and file-backed code (node, libvips),
 *   - the process's own `process.memoryUsage()` before and after a full GC, via the SIGUSR2
 *     probe `bench/memory-probe.mjs`, preloaded only here. `external − arrayBuffers` is
 *     almost all WebAssembly memory (PGlite's heap, counted at its full size, touched or not).
 *
 *   npx tsx bench/memory-profile.ts --port=5400 [--iterations=300] [--arena=2|default] [--label=after]
 *                                   [--env=MALLOC_MMAP_THRESHOLD_=131072,…]   (more server env to try)
 *
 * Writes bench/.tmp/memory-profile.<label>.json and prints a table.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { createActionClient, loadActionIds, unwrap } from "./action-client";
import { appDir, hasBuild, repoRoot } from "./app-build";
import { resetFakes, serverEnv, startFakes } from "./fakes";
import { generate, type Ctx } from "./server-scenarios";
import { startAppServer, treeRss } from "./server";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const port = Number(arg("port") ?? 5400);
const iterations = Number(arg("iterations") ?? 300);
const arena = arg("arena") ?? "2";
const label = arg("label") ?? `arena-${arena}`;
const extraEnv = Object.fromEntries((arg("env") ?? "").split(",").filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
const PHASE_AT = new Set([1, 50, 150, 300].filter((i) => i <= iterations));

type Mb = number;
type Sample = {
  phase: string;
  rss: Mb;
  rollup: Record<string, Mb>;
  groups: { glibcHeap: Mb; otherAnon: Mb; files: Mb; topFiles: Array<[string, Mb]> };
  node: unknown;
};

async function main() {
  if (!hasBuild()) throw new Error(`no build in ${appDir}: run \`npm run bench -- --only=none\` (or a full bench) first`);
  const fakes = await startFakes();
  const probe = path.join(repoRoot, "bench", ".tmp", `memory-probe-${port}`);
  mkdirSync(path.dirname(probe), { recursive: true }); // the probe writes there from inside the server
  const dataDir = path.join(repoRoot, ".tmp", `bench-data-memory-${port}`);
  const samples: Sample[] = [];
  const sampleAll = async (pid: number, phase: string) => {
    samples.push(await sample({ pid, phase, probe }));
  };
  const server = await startAppServer({
    appDir,
    nextBin: path.join(repoRoot, "node_modules/next/dist/bin/next"),
    port,
    dataDir,
    env: { ...serverEnv(fakes), NODE_OPTIONS: `--import ${pathToFileURL(path.join(repoRoot, "bench", "memory-probe.mjs")).href}`, LOUPE_BENCH_MEMORY_PROBE: probe, ...(arena === "default" ? { MALLOC_ARENA_MAX: "" } : { MALLOC_ARENA_MAX: arena }), ...extraEnv },
    onListening: (pid) => sampleAll(pid, "listening (no request yet)"),
  });
  try {
    await sampleAll(server.pid, "after first page (GET /; PGlite open)");
    const ctx: Ctx = { url: server.url, client: createActionClient({ baseUrl: server.url, ids: loadActionIds(path.join(appDir, ".next")) }), fakes, rssBytes: server.rssBytes };
    let projectId: string | null = null;
    const rssEvery5: Array<{ x: number; y: Mb }> = [];
    for (let i = 1; i <= iterations; i++) {
      if (i % 25 === 0) resetFakes(fakes);
      const g = await generate(ctx, { n: 1, projectId });
      projectId = g.value.project.id;
      unwrap("critiqueAction", (await ctx.client.call("critiqueAction", { iterationId: g.value.iteration.id })).value);
      if (i % 5 === 0) rssEvery5.push({ x: i, y: treeRss(server.pid) / 2 ** 20 });
      if (PHASE_AT.has(i)) {
        await sampleAll(server.pid, `after ${i} iteration${i === 1 ? "" : "s"}`);
        console.log(`· ${label}: ${i} iterations, RSS ${samples.at(-1)!.rss.toFixed(0)} MB`);
      }
    }
    const out = path.join(repoRoot, "bench", ".tmp", `memory-profile.${label}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), label, arena, extraEnv, iterations, samples, rssEvery5 }, null, 2)}\n`);
    printTable(label, samples);
  } finally {
    await server.stop();
    await fakes.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function sample({ pid, phase, probe }: { pid: number; phase: string; probe: string }): Promise<Sample> {
  const file = `${probe}.${pid}.json`;
  rmSync(file, { force: true });
  process.kill(pid, "SIGUSR2");
  // The probe answers from the server's event loop; give a busy loop a moment.
  for (let waited = 0; !existsSync(file) && waited < 5000; waited += 50) await sleep(50);
  // Read /proc after the probe's GC, so both views describe the same moment.
  const node = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
  return { phase, rss: treeRss(pid) / 2 ** 20, rollup: smapsRollup(pid), groups: smapsGroups(pid), node };
}

function smapsRollup(pid: number): Record<string, Mb> {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const keys = ["Rss", "Pss", "Pss_Anon", "Pss_File", "Anonymous", "Swap"];
  return Object.fromEntries(keys.map((key) => [key, Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) / 1024]));
}

/** Rss of each mapping in /proc/<pid>/smaps, grouped by what owns it. */
function smapsGroups(pid: number): Sample["groups"] {
  const byFile = new Map<string, number>();
  const groups = { glibcHeap: 0, otherAnon: 0, files: 0 };
  let current: string | null = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (header) {
      current = header[1]!.trim();
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss || current === null) continue;
    const mb = Number(rss[1]) / 1024;
    if (current === "[heap]") groups.glibcHeap += mb;
    else if (current.startsWith("/")) {
      groups.files += mb;
      byFile.set(current, (byFile.get(current) ?? 0) + mb);
    } else groups.otherAnon += mb;
  }
  const topFiles = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, mb]): [string, Mb] => [path.basename(name), Math.round(mb)]);
  return { ...groups, topFiles };
}

function printTable(name: string, samples: Sample[]) {
  const r = (n: unknown) => (typeof n === "number" ? n.toFixed(0).padStart(5) : "    ?");
  console.log(`\n${name} (MB)`.padEnd(57) + "  RSS  [heap] anon  file  V8 used→GC  ext−ab  arrayBuf");
  for (const s of samples) {
    const node = s.node as { before: Record<string, number>; afterGc: Record<string, number> } | null;
    console.log(
      `${s.phase.padEnd(56)} ${r(s.rss)} ${r(s.groups.glibcHeap)} ${r(s.groups.otherAnon)} ${r(s.groups.files)} ${r(node?.before.heapUsed)}→${r(node?.afterGc.heapUsed)}  ${r(node ? node.afterGc.external! - node.afterGc.arrayBuffers! : undefined)}  ${r(node?.afterGc.arrayBuffers)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
