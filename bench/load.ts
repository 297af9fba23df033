/**
 * `npm run load` — 50 designers at once through Generate and Critique for 60 s, against a
 * production build on loopback and the e2e fakes with injected latency (Claude ~1 s to its
 * first token, the image provider ~2 s). Bounded: it stops by itself after warm-up + 60 s
 * (+ the answers still in flight). Not part of `npm test`. See the "Load" section of bench/README.md.
 *
 * Flags: --designers=50 --seconds=60 --claude-ms=1000 --provider-ms=2000 --port=3391
 *        --skip-build (reuse .tmp/bench-app) --app-dir=. (serve this tree's own `next build` instead)
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startAnthropicFake } from "../tests/support/fakes/anthropic";
import { startOpenAIImagesFake } from "../tests/support/fakes/openai-images";
import type { PgliteStats } from "../lib/db/pglite-stats";
import { createActionClient, loadActionIds, type ActionClient } from "./action-client";
import { appDir as snapshotDir, buildApp, hasBuild, repoRoot, snapshotWorkingTree } from "./app-build";
import { startAppServer } from "./server";
import { summarise } from "./stats";

const flag = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const plan = {
  designers: Number(flag("designers", "50")),
  seconds: Number(flag("seconds", "60")),
  claudeMs: Number(flag("claude-ms", "1000")),
  providerMs: Number(flag("provider-ms", "2000")),
  port: Number(flag("port", "3391")),
};
const KEYS = { anthropic: "sk-ant-load-5b4a3c2d1e0f9a8b7c6d5e4f", openai: "sk-load-openai-0123456789abcdef" };

type Sample = { action: "generate" | "critique"; ms: number; error?: string };

async function main() {
  const load = { cpus: cpus().length, atStart: loadavg() };
  const appDir = chooseBuild();
  const anthropic = await startAnthropicFake({ apiKey: KEYS.anthropic });
  const openai = await startOpenAIImagesFake({ apiKey: KEYS.openai });
  anthropic.setLatency({ firstTokenMs: plan.claudeMs });
  openai.setLatency(plan.providerMs);
  const dataDir = path.join(repoRoot, ".tmp", "load-data");
  const statsFile = path.join(repoRoot, ".tmp", "load-db-stats.json");
  rmSync(statsFile, { force: true });
  const server = await startAppServer({
    appDir,
    nextBin: path.join(repoRoot, "node_modules/next/dist/bin/next"),
    port: plan.port,
    dataDir,
    env: {
      ANTHROPIC_API_KEY: KEYS.anthropic,
      ANTHROPIC_BASE_URL: anthropic.url,
      OPENAI_API_KEY: KEYS.openai,
      OPENAI_BASE_URL: openai.url,
      LOUPE_COOKIE_SECRET: "load-cookie-secret-not-for-production",
      LOUPE_ALLOW_PRIVATE_URLS: "1",
      LOUPE_DB_STATS_FILE: statsFile,
    },
  });
  const samples: Sample[] = [];
  const rss: number[] = [];
  try {
    const ids = loadActionIds(path.join(appDir, ".next"));
    const designers = Array.from({ length: plan.designers }, () => createActionClient({ baseUrl: server.url, ids }));
    // Warm-up, not counted: every designer gets its owner cookie and the server loads its modules.
    console.log(`· warm-up: ${plan.designers} designers, one render each …`);
    await Promise.all(designers.map((client, i) => loop({ client, index: i, until: 0, samples: [] })));
    const before = readStats(statsFile);
    console.log(`· load: ${plan.designers} designers for ${plan.seconds} s (Claude ${plan.claudeMs} ms, provider ${plan.providerMs} ms) …`);
    const started = performance.now();
    const until = started + plan.seconds * 1000;
    const sampler = setInterval(() => rss.push(server.rssBytes()), 1000);
    await Promise.all(designers.map((client, i) => loop({ client, index: i, until, samples })));
    clearInterval(sampler);
    const wallMs = performance.now() - started;
    await sleep(1500); // the stats file is written once a second
    const after = readStats(statsFile);
    report({ samples, wallMs, rss, before, after, load: { ...load, atEnd: loadavg() } });
  } finally {
    await server.stop();
    await Promise.all([anthropic.close(), openai.close()]);
  }
}

function chooseBuild(): string {
  const own = flag("app-dir", "");
  if (own) {
    const dir = path.resolve(repoRoot, own);
    if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new Error(`${dir} has no production build: run next build there first`);
    return dir;
  }
  if (!process.argv.includes("--skip-build") || !hasBuild()) {
    console.log("· building a snapshot of the working tree in .tmp/bench-app …");
    snapshotWorkingTree();
    buildApp();
  }
  return snapshotDir;
}

/** One designer: Generate, then Critique what came back, again and again until `until` (0 = once). */
async function loop(input: { client: ActionClient; index: number; until: number; samples: Sample[] }) {
  for (let round = 0; round === 0 || performance.now() < input.until; round += 1) {
    const prompt = `designer ${input.index} round ${round}: a lighthouse at dusk, ${randomUUID().slice(0, 8)}`;
    const generated = await timed("generate", input.samples, () =>
      input.client.call("generateAction", {
        projectId: null,
        parentId: null,
        draft: prompt,
        refinedPrompt: "",
        prompt,
        params: { providerId: "openai", aspectRatio: "1:1", n: 1 },
        refineId: null,
        idempotencyKey: randomUUID(),
      }),
    );
    const iterationId = generated?.iteration.id;
    if (iterationId) await timed("critique", input.samples, () => input.client.call("critiqueAction", { iterationId }));
    if (input.until === 0) return;
  }
}

type Answer = { ok: boolean; value?: { iteration: { id: string; status: string; error: { code: string } | null } } & { critiqueError?: { code: string } | null }; error?: { code: string } };

async function timed(action: Sample["action"], samples: Sample[], call: () => Promise<{ value: unknown; ms: number }>) {
  const started = performance.now();
  try {
    const { value } = await call();
    const answer = value as Answer;
    const failure = !answer.ok
      ? answer.error?.code
      : action === "generate"
        ? answer.value!.iteration.status === "failed" ? answer.value!.iteration.error?.code : undefined
        : answer.value!.critiqueError?.code;
    samples.push({ action, ms: performance.now() - started, ...(failure ? { error: failure } : {}) });
    return failure ? undefined : answer.value;
  } catch (error) {
    samples.push({ action, ms: performance.now() - started, error: error instanceof Error ? error.message.slice(0, 120) : "thrown" });
    return undefined;
  }
}

function readStats(file: string): PgliteStats | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PgliteStats) : undefined;
}

function report(input: { samples: Sample[]; wallMs: number; rss: number[]; before?: PgliteStats; after?: PgliteStats; load: { cpus: number; atStart: number[]; atEnd: number[] } }) {
  const { samples, wallMs } = input;
  const seconds = wallMs / 1000;
  const ms = (v: number) => `${Math.round(v)} ms`;
  console.log(`\nLoad: ${plan.designers} designers, ${seconds.toFixed(1)} s, Claude ${plan.claudeMs} ms / provider ${plan.providerMs} ms injected`);
  for (const action of ["generate", "critique"] as const) {
    const of = samples.filter((s) => s.action === action);
    const s = summarise(of.map((x) => x.ms));
    const errors = of.filter((x) => x.error);
    console.log(`  ${action.padEnd(8)} ${String(of.length).padStart(5)} requests  ${(of.length / seconds).toFixed(1)}/s  errors ${errors.length}  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`);
    const codes = [...new Set(errors.map((e) => e.error))];
    if (codes.length) console.log(`           errors: ${codes.join("; ")}`);
  }
  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
  if (input.rss.length) console.log(`  server RSS: ${mb(input.rss[0]!)} at the start, ${mb(Math.max(...input.rss))} peak, ${mb(input.rss.at(-1)!)} at the end`);
  const { before, after } = input;
  if (before && after) {
    const turns = after.turns - before.turns;
    const busy = after.busyMsTotal - before.busyMsTotal;
    const wait = after.waitMsTotal - before.waitMsTotal;
    const ops = samples.length;
    const busyPerOp = busy / ops;
    console.log(`  PGlite: ${turns} turns (${(turns / seconds).toFixed(0)}/s), lock held ${(busy / 1000).toFixed(1)} s of ${seconds.toFixed(0)} s = ${((100 * busy) / wallMs).toFixed(1)}% busy`);
    console.log(`          wait for the lock: mean ${(wait / Math.max(1, turns)).toFixed(2)} ms per turn, p95 ${after.waitMs.p95} ms, p99 ${after.waitMs.p99} ms, max ${after.waitMs.max} ms; at most ${after.maxQueued} turn(s) waiting at once`);
    console.log(`          time waiting on the database per action: ${(wait / ops).toFixed(1)} ms (of ${ms(samples.reduce((t, s) => t + s.ms, 0) / ops)} mean)`);
    console.log(`          event-loop delay over the server's life: p50 ${after.eventLoopDelayMs.p50} ms, p99 ${after.eventLoopDelayMs.p99} ms, max ${after.eventLoopDelayMs.max} ms`);
    console.log(`          held ${busyPerOp.toFixed(1)} ms per action → ceiling ≈ ${(1000 / busyPerOp).toFixed(0)} actions/s before the lock is busy 100% of the time`);
  } else console.log("  PGlite: no statistics (is the server on DATABASE_URL?)");
  const [s1] = input.load.atStart;
  const [e1] = input.load.atEnd;
  console.log(`  machine: ${input.load.cpus} CPUs, load average ${s1!.toFixed(1)} at the start, ${e1!.toFixed(1)} at the end`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
