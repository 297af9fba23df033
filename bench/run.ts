/**
 * `npm run bench` — Loupe against a production build with local fakes. Prints a table of
 * figures with their targets and writes bench/results.json. See bench/README.md.
 *
 * Flags: --skip-build (reuse .tmp/bench-app), --quick (few runs; a check that it works),
 *        --only=stages,fanout,describe,memory,throughput,images,browser,lighthouse,video,explore,edit,edit-app,jobs
 *        --short (fewer runs, the memory row's 300 iterations kept)
 *        --port=3390 (the app server's port; BENCH_PORT sets the default; fakes take free ports)
 *        --app-dir=. (serve that directory's own `next build` instead of the snapshot; e.g. a build of
 *        another commit, for before/after figures in the same conditions)
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { loadActionIds, createActionClient, unwrap } from "./action-client";
import { appDir as snapshotDir, buildApp, hasBuild, repoRoot, snapshotWorkingTree } from "./app-build";
import { measureBrowser, measureLighthouse } from "./browser-scenarios";
import { resetFakes, serverEnv, startFakes } from "./fakes";
import { measureDescribe } from "./describe-scenarios";
import { generate, measureFanOut, measureImageDelivery, measureMemory, measureStages, measureThroughput, stageRows, type Ctx } from "./server-scenarios";
import { startAppServer } from "./server";
import { formatTable, tally, type Row } from "./table";
import { measureEditRows } from "./edit-bench";
import { measureEditThroughApp } from "./edit-app-scenarios";
import { measureVideoRows } from "./video-bench";
import { measureExploreRows } from "./explore-bench";
import { measureJobRows } from "./jobs-rows";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const only = [...args].find((a) => a.startsWith("--only="))?.slice(7).split(",");
const port = Number([...args].find((a) => a.startsWith("--port="))?.slice(7) ?? process.env.BENCH_PORT ?? 3390);
const ownAppDir = [...args].find((a) => a.startsWith("--app-dir="))?.slice(10);
const wants = (name: string) => !only || only.includes(name);
// --short: fewer runs of everything but the memory row's 300 iterations — for a machine too busy for the full plan (say so beside its figures).
const short = args.has("--short");
const plan = quick
  ? { stageRuns: 5, describeRuns: 3, editRuns: 3, fanoutRuns: 1, memoryIterations: 20, cannonSeconds: 2, cannonRepeats: 1, browserRuns: 2, lighthouseRuns: 1 }
  : short
    ? { stageRuns: 30, describeRuns: 10, editRuns: 15, fanoutRuns: 2, memoryIterations: 300, cannonSeconds: 5, cannonRepeats: 2, browserRuns: 8, lighthouseRuns: 2 }
    : { stageRuns: 100, describeRuns: 30, editRuns: 40, fanoutRuns: 5, memoryIterations: 300, cannonSeconds: 10, cannonRepeats: 3, browserRuns: 15, lighthouseRuns: 3 };

async function main() {
  const started = Date.now();
  // The figures are only as good as the machine is quiet: record how busy it was.
  const load = { cpus: cpus().length, atStart: loadavg(), atEnd: [] as number[] };
  const appDir = ownAppDir ? path.resolve(repoRoot, ownAppDir) : snapshotDir;
  if (ownAppDir && !existsSync(path.join(appDir, ".next", "BUILD_ID"))) throw new Error(`${appDir} has no production build: run next build there first`);
  if (!ownAppDir && (!args.has("--skip-build") || !hasBuild())) {
    console.log("· building a snapshot of the working tree in .tmp/bench-app …");
    snapshotWorkingTree();
    buildApp();
  }
  const fakes = await startFakes();
  // BENCH_DATA_DIR: a second bench beside a running one (it empties its data directory at start).
  const dataDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : path.join(repoRoot, ".tmp", "bench-data");
  const server = await startAppServer({ appDir, nextBin: path.join(repoRoot, "node_modules/next/dist/bin/next"), port, env: serverEnv(fakes), dataDir });
  const rows: Row[] = [];
  const section = async (name: string, fn: () => Promise<Row[]>) => {
    if (!wants(name)) return;
    const t = Date.now();
    console.log(`· ${name} …`);
    try {
      rows.push(...(await fn()));
    } catch (error) {
      rows.push({ id: `${name}.error`, label: name, target: "", value: "failed", spread: "", pass: false, note: error instanceof Error ? error.message : String(error) });
    }
    console.log(`  ${name} took ${((Date.now() - t) / 1000).toFixed(0)} s`);
    resetFakes(fakes);
  };
  try {
    const client = createActionClient({ baseUrl: server.url, ids: loadActionIds(path.join(appDir, ".next")) });
    const ctx: Ctx = { url: server.url, client, fakes, rssBytes: server.rssBytes };
    // Warm-up: first requests compile nothing in production, but open the database and load modules.
    const warm = await generate(ctx, { n: 1, projectId: null });
    unwrap("critiqueAction", (await client.call("critiqueAction", { iterationId: warm.value.iteration.id })).value);
    const share = unwrap<{ url: string }>("createShareAction", (await client.call("createShareAction", { projectId: warm.value.project.id, iterationId: warm.value.iteration.id, scope: "iteration", expiresInDays: null })).value);
    const shareUrl = new URL(share.url, server.url).toString();
    const imageUrl = new URL(warm.value.iteration.images[0]!.url, server.url).toString();

    await section("stages", async () => stageRows(await measureStages(ctx, plan.stageRuns)));
    await section("fanout", () => measureFanOut(ctx, plan.fanoutRuns));
    await section("describe", () => measureDescribe(ctx, plan.describeRuns));
    // The history tree and the projects menu ask for `?w=96` (components/studio/history-tree.tsx).
    await section("images", () => measureImageDelivery(ctx, { imageUrl, thumbnailUrl: `${imageUrl}?w=96` }));
    await section("browser", () => measureBrowser({ ctx, shareUrl, runs: plan.browserRuns }));
    await section("lighthouse", () => measureLighthouse({ urls: { studio: `${server.url}/`, share: shareUrl }, runs: plan.lighthouseRuns }));
    await section("throughput", () => measureThroughput(ctx, { shareUrl, imageUrl, repeats: plan.cannonRepeats, seconds: plan.cannonSeconds }));
    // Library-level (no HTTP yet: the delivery route comes with the video UI), in a child process.
    await section("video", () => measureVideoRows({ quick }));
    // Library-level too: a 3-round × 3-draft exploring loop's Claude calls, tokens and cache share through the fake.
    await section("explore", () => measureExploreRows());
    // Library-level: the Local renderer's edits, masks, compositing, without HTTP.
    await section("edit", () => measureEditRows({ quick }));
    // The same edits through the production server: the mask upload route, and a whole region-edit round.
    await section("edit-app", () => measureEditThroughApp(ctx, plan.editRuns));
    // The job engine in processes of their own, on PGlite and on PostgreSQL: pick-up, start-up, memory, jobs/s.
    await section("jobs", () => measureJobRows({ quick }));
    // Last: the other sections' work counts towards the process's life, as in real use.
    await section("memory", async () => [await measureMemory(ctx, plan.memoryIterations)]);
  } finally {
    await server.stop();
    await fakes.close();
  }
  load.atEnd = loadavg();
  console.log(`\n${formatTable(rows)}\n`);
  if (Math.max(load.atStart[0]!, load.atEnd[0]!) > load.cpus) {
    console.log(`warning: load average ${load.atStart[0]!.toFixed(1)} → ${load.atEnd[0]!.toFixed(1)} on ${load.cpus} CPUs — other work was competing; rerun on a quiet machine.`);
  }
  const count = tally(rows);
  console.log(`${count.pass} pass · ${count.miss} miss · ${count.unmeasured} reported only · ${((Date.now() - started) / 1000).toFixed(0)} s${quick ? " (quick mode: too few runs to judge)" : ""}`);
  // BENCH_OUT names another file (e.g. the "before" run of another commit's build), so results.json keeps this tree's.
  const out = process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : path.join(repoRoot, "bench", quick ? ".tmp/results.quick.json" : "results.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, load, quick, short, appDir: path.relative(repoRoot, appDir) || ".", plan, rows }, null, 2)}\n`);
  console.log(`wrote ${path.relative(repoRoot, out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
