/**
 * Where a request's server time goes, for the rows that are a few ms over their target:
 * `npx tsx bench/profile-requests.ts [--port=5401] [--runs=400]` (after a bench build in
 * .tmp/bench-app) starts that build under `--cpu-prof`, makes one iteration and a share link,
 * then requests the share page `runs` times and asks for a revision `runs` times, one at a time,
 * with an idle second before each phase to mark it in the profile. For each phase it prints the
 * server's CPU time per request by owner (React's server renderer, Next's server, the app's own
 * code, PGlite, Node, GC) and the functions with the most self time. Not part of `npm run bench`.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createActionClient, loadActionIds, unwrap } from "./action-client";
import { appDir, repoRoot } from "./app-build";
import { resetFakes, serverEnv, startFakes } from "./fakes";
import { startAppServer } from "./server";
import { generate, type Ctx } from "./server-scenarios";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);

async function main() {
  const runs = arg("runs", 400);
  const profDir = path.join(repoRoot, ".tmp", "profile-requests");
  rmSync(profDir, { recursive: true, force: true });
  process.env.BENCH_SERVER_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${profDir}`;
  const fakes = await startFakes();
  const server = await startAppServer({ appDir, nextBin: path.join(repoRoot, "node_modules/next/dist/bin/next"), port: arg("port", 5401), env: serverEnv(fakes), dataDir: path.join(repoRoot, ".tmp", "profile-data") });
  try {
    const client = createActionClient({ baseUrl: server.url, ids: loadActionIds(path.join(appDir, ".next")) });
    const ctx: Ctx = { url: server.url, client, fakes, rssBytes: server.rssBytes };
    const first = await generate(ctx, { n: 1, projectId: null });
    const iterationId = first.value.iteration.id;
    unwrap("critiqueAction", (await client.call("critiqueAction", { iterationId })).value);
    const share = unwrap<{ url: string }>("createShareAction", (await client.call("createShareAction", { projectId: first.value.project.id, iterationId, scope: "iteration", expiresInDays: null })).value);
    const shareUrl = new URL(share.url, server.url).toString();
    for (let i = 0; i < 20; i++) await (await fetch(shareUrl)).text(); // JIT warm-up, counted out below
    // An idle second before each phase marks where it starts in the profile.
    await sleep(1000);
    for (let i = 0; i < runs; i++) await (await fetch(shareUrl)).text();
    await sleep(1000);
    for (let i = 0; i < runs; i++) {
      if (i % 50 === 0) resetFakes(fakes); // the Anthropic fake keeps every request body
      unwrap("reviseAction", (await client.call("reviseAction", { iterationId })).value);
    }
  } finally {
    await server.stop();
    await fakes.close();
  }
  const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no .cpuprofile written (did the server stop cleanly?)");
  report(JSON.parse(readFileSync(path.join(profDir, file), "utf8")) as Profile, runs);
}

function report(profile: Profile, runs: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const [share, revise] = phases(profile, byId).slice(-2);
  printPhase({ title: "share page (GET /s/<token>)", samples: share!, runs });
  printPhase({ title: "apply revision (reviseAction, Claude fake)", samples: revise!, runs });
}

type Sample = { node: Node; ms: number };

/** The samples split wherever the process sat idle for ≥ 800 ms (the script's markers). */
function phases(profile: Profile, byId: Map<number, Node>): Sample[][] {
  const out: Sample[][] = [[]];
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const ms = profile.timeDeltas[i]! / 1000;
    if (node.callFrame.functionName === "(idle)") return void (idleMs += ms);
    if (idleMs >= 800) out.push([]);
    idleMs = 0;
    out.at(-1)!.push({ node, ms });
  });
  return out;
}

function printPhase({ title, samples, runs }: { title: string; samples: Sample[]; runs: number }) {
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const { node, ms } of samples) {
    total += ms;
    const owner = ownerOf(node.callFrame);
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || "(anonymous)"} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  console.log(`\n${title}: ${(total / runs).toFixed(1)} ms of server CPU per request (${runs} requests)`);
  for (const [owner, ms] of [...owners].sort((a, b) => b[1] - a[1])) console.log(`${(ms / runs).toFixed(2).padStart(7)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${owner}`);
  console.log("  top self time:");
  for (const [fn, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${(ms / runs).toFixed(2).padStart(7)} ms  ${fn}`);
}

function ownerOf({ functionName, url }: { functionName: string; url: string }): string {
  if (!url) return functionName.startsWith("(") ? functionName : "native / V8 builtins";
  if (url.includes("react-dom") && url.includes("server")) return "React server renderer (HTML)";
  if (url.includes("react-server-dom")) return "React Server Components (flight)";
  // PGlite's JS glue and its WebAssembly (the only wasm module the server loads).
  if (url.includes("@electric-sql/pglite") || url.startsWith("wasm://")) return "PGlite (WebAssembly Postgres)";
  if (url.includes("@anthropic-ai/sdk")) return "Anthropic SDK";
  if (url.includes("next/dist")) return "Next.js server";
  if (url.includes(".next/server")) return "the app's own code (bundled)";
  if (url.startsWith("node:")) return "Node.js internals";
  return "other packages";
}

const shortUrl = (url: string) => url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\.next\//, ".next/");

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
