import "server-only";
import { beforeDbClose } from "@/lib/db/client";
import { env } from "@/lib/env";
import { settleInterrupted } from "@/lib/server/sweeper";
import { jobEngine, recoverOrphanedJobs, startJobWorkers, stopJobEngine } from "./engine";
import { registerHandlers } from "./handlers";

/**
 * Starts the job engine for this process: its tables, the handlers, and (unless
 * LOUPE_WORKERS=false, for app instances beside `npm run worker` processes) the workers.
 * On the embedded database the jobs a dead process left running are handed back first, and
 * iterations whose jobs are gone for good are settled. SIGTERM stops the workers before the
 * database closes: jobs in flight get LOUPE_SHUTDOWN_GRACE_MS to finish, then go back to the queue.
 */
export async function startJobs({ workers = env().LOUPE_WORKERS }: { workers?: boolean } = {}): Promise<void> {
  registerHandlers();
  await jobEngine();
  const handedBack = await recoverOrphanedJobs();
  const settled = handedBack > 0 ? await settleInterrupted({ before: new Date() }) : 0;
  if (handedBack > 0) console.info(`[loupe] start-up: ${handedBack} interrupted job(s) handed back to the queue, ${settled} iteration(s) settled`);
  beforeDbClose(() => stopJobEngine({ graceMs: env().LOUPE_SHUTDOWN_GRACE_MS }));
  if (workers) await startJobWorkers();
}
