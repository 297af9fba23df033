import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";

/*
 * Whether the database answers, for /api/health and for the proxy's friendly 503 page. A load
 * balancer probes every second or so, and the proxy asks on every page request, so the answer is
 * kept for a moment: at most one probe query per PROBE_TTL_MS per process, however many ask.
 * A failure is kept for less time than a success, so recovery is noticed quickly.
 */

export type DatabaseHealth = { ok: true } | { ok: false; reason: "database_unreachable"; detail: string };

const OK_TTL_MS = 2_000;
const FAILED_TTL_MS = 1_000;
/** A probe that has not answered by then counts as a failure: a black-holed database must not hang the check. */
const PROBE_TIMEOUT_MS = 2_000;

type Probe = { at: number; result: Promise<DatabaseHealth>; settled?: DatabaseHealth };
const globalStore = globalThis as typeof globalThis & { __loupeDbProbe?: Probe; __loupeDbWasDown?: boolean };

export function databaseHealth(now = Date.now()): Promise<DatabaseHealth> {
  const cached = globalStore.__loupeDbProbe;
  const ttl = cached?.settled && !cached.settled.ok ? FAILED_TTL_MS : OK_TTL_MS;
  if (cached && (!cached.settled || now - cached.at < ttl)) return cached.result;
  const probe: Probe = { at: now, result: probeOnce() };
  void probe.result.then((settled) => {
    probe.settled = settled;
    report(settled);
  });
  globalStore.__loupeDbProbe = probe;
  return probe.result;
}

async function probeOnce(): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([getDb().then((db) => db.execute(sql`select 1`)), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: "database_unreachable", detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** One log line when the database goes away and one when it is back, not one per request. */
function report(health: DatabaseHealth): void {
  const wasDown = globalStore.__loupeDbWasDown === true;
  if (!health.ok && !wasDown) console.error(`[loupe] the database is unreachable: ${health.detail}`);
  if (health.ok && wasDown) console.info("[loupe] the database answers again");
  globalStore.__loupeDbWasDown = !health.ok;
}
