import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { reserveBudget, settleBudget, utcDay, type Reservation } from "./budget";
import { acquireJobSlot, type JobSlot } from "./jobs";
import { consumeRateLimit, type RateRule } from "./rate-limits";

/*
 * One unit of paid or CPU-heavy work (an action, a refine stream, a reference upload) runs
 * inside a WorkScope: admitted past the rate limits and the job cap, holding a job slot, and
 * collecting the budget reservations of its paid calls (lib/workflows/paid-call.ts) and their
 * real costs. When it ends the slot is freed and the reservations are settled — given back in
 * full when nothing was spent.
 */

type Scope = { day: string; reservations: Reservation[]; spentUsd: number };

const current = new AsyncLocalStorage<Scope>();

export type WorkRequest = {
  ownerId: string;
  ip: string;
  /** Which limits count this request; work that spends money or CPU also takes a job slot. */
  kind: "work" | "share";
};

export type Admitted = { run: <T>(body: () => Promise<T>) => Promise<T> };

/**
 * Checks the limits and takes a job slot; `run` then runs the work in its scope and settles.
 * Work started inside another scope (an action calling another) is admitted as part of it.
 */
export async function admitWork(request: WorkRequest): Promise<Admitted> {
  if (current.getStore()) return { run: (body) => body() };
  const rules: RateRule[] = request.kind === "share" ? ["share-owner"] : ["work-owner", "work-ip"];
  for (const rule of rules) await consumeRateLimit({ rule, key: rule.endsWith("-ip") ? request.ip : request.ownerId });
  if (request.kind === "share") return { run: (body) => body() };
  const slot = await acquireJobSlot({ ownerId: request.ownerId });
  const scope: Scope = { day: utcDay(), reservations: [], spentUsd: 0 };
  return { run: (body) => runInScope({ scope, slot, body }) };
}

async function runInScope<T>({ scope, slot, body }: { scope: Scope; slot: JobSlot; body: () => Promise<T> }): Promise<T> {
  try {
    return await current.run(scope, body);
  } finally {
    try {
      await settleBudget({ day: scope.day, reservations: scope.reservations, spentUsd: scope.spentUsd });
    } finally {
      await slot.release();
    }
  }
}

/** Reserves a paid call's estimated price before the call; throws `budget_exhausted` when the day's budget would pass. */
export async function reserveForCall(estimateUsd: number): Promise<void> {
  const scope = current.getStore();
  if (!scope) return;
  const reservation = await reserveBudget({ usd: estimateUsd, day: scope.day });
  if (reservation) scope.reservations.push(reservation);
}

/** Records what a paid call really cost, so the scope settles to it instead of the estimate. */
export function recordSpend(usd: number): void {
  const scope = current.getStore();
  if (scope && usd > 0) scope.spentUsd += usd;
}
