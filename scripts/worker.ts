/*
 * `npm run worker`: job workers in a process of their own, without Next — for a deployment
 * that has grown past workers inside its app instances (set LOUPE_WORKERS=false there). It
 * needs the shared PostgreSQL (DATABASE_URL): the embedded database belongs to one process.
 * Started with `--conditions=react-server`, where the `server-only` marker is empty.
 */
import { configureSharp } from "@/lib/images/sharp-settings";
import { env } from "@/lib/env";
import { startJobs } from "@/lib/jobs/start";
import { startServer } from "@/lib/server/startup";

async function main(): Promise<void> {
  if (!env().DATABASE_URL) throw new Error("DATABASE_URL: a worker process shares the app's PostgreSQL; the embedded database belongs to the app's one process.");
  configureSharp();
  await startServer();
  await startJobs({ workers: true });
  const { LOUPE_RENDER_CONCURRENCY: renders, LOUPE_UNDERSTANDING_CONCURRENCY: claude } = env();
  console.info(`[loupe] worker ready: ${renders} render and ${claude} understanding job(s) at once (pid ${process.pid})`);
  // The database's shutdown hook (lib/db/client.ts) does the work: workers stop, jobs past the grace period go back to the queue.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => console.info(`[loupe] worker stopping (${signal}): jobs in flight get ${env().LOUPE_SHUTDOWN_GRACE_MS} ms to finish, then go back to the queue`));
  }
}

main().catch((error: unknown) => {
  console.error(`[loupe] worker cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
