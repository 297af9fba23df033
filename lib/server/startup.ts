import "server-only";
import { getDb, getDbEngine } from "@/lib/db/client";
import { env } from "@/lib/env";
import { checkDataDir, databaseStartError } from "./start-checks";
import { sweep } from "./sweeper";

/**
 * Runs once when a server process starts: checks the configuration and the data directory, opens the database (applying migrations, and
 * paying PGlite's first-start cost before the first designer does), settles work a previous
 * process left half-done so that no iteration stays pending, removes orphan image files, and
 * starts the periodic sweeper.
 */
export async function startServer(): Promise<void> {
  env(); // a bad setting is reported before anything else is tried
  await checkDataDir();
  await getDb().catch((error: unknown) => {
    throw databaseStartError(error);
  });
  // PGlite belongs to this one process, and it serves no request before this returns: whatever
  // is unfinished or unreferenced now was left by a dead process. On PostgreSQL other instances
  // may be mid-render, so only work older than the action deadline is theirs to give up.
  const alone = (await getDbEngine()) === "pglite";
  const report = await sweepOnce({ alone });
  if (report.settled > 0 || report.orphansRemoved > 0) {
    console.info(`[loupe] start-up: settled ${report.settled} interrupted iteration(s), removed ${report.orphansRemoved} orphan file(s)`);
  }
  startPeriodicSweep();
}

function sweepOnce({ alone }: { alone: boolean }) {
  const { LOUPE_ACTION_DEADLINE_MS, LOUPE_ORPHAN_GRACE_MS } = env();
  // A minute past the deadline: an action that is still running updates its row before then.
  const staleMs = alone ? 0 : LOUPE_ACTION_DEADLINE_MS + 60_000;
  return sweep({ staleBefore: new Date(Date.now() - staleMs), orphanGraceMs: alone ? 0 : LOUPE_ORPHAN_GRACE_MS });
}

const globalStore = globalThis as typeof globalThis & { __loupeSweeper?: NodeJS.Timeout };

function startPeriodicSweep(): void {
  if (globalStore.__loupeSweeper) return;
  let running = false;
  globalStore.__loupeSweeper = setInterval(() => {
    if (running) return;
    running = true;
    sweepOnce({ alone: false })
      .then((r) => {
        if (r.settled > 0 || r.orphansRemoved > 0) console.info(`[loupe] sweeper: settled ${r.settled}, removed ${r.orphansRemoved} orphan file(s)`);
      })
      .catch((error: unknown) => console.error("[loupe] sweeper failed", error))
      .finally(() => (running = false));
  }, env().LOUPE_SWEEP_INTERVAL_MS);
  // The sweeper must never keep a stopping process alive.
  globalStore.__loupeSweeper.unref();
}
