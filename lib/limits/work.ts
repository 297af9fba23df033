import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { budgetSubjects, reserveBudget, settleBudget, utcDay, type Reservation } from "./budget";
import { acquireJobSlot, type JobSlot } from "./jobs";
import { consumeRateLimit, type RateRule } from "./rate-limits";

/*
 * One unit of paid or CPU-heavy work (an action, a refine stream, a reference upload) runs
 * inside a WorkScope: admitted past the rate limits and the job cap, holding a job slot, and
 * collecting the budget reservations of its paid calls (lib/workflows/paid-call.ts) and their
 * real costs. When it ends the slot is freed and the reservations are settled — given back in
 * full when nothing was spent.
 */

type Scope = { day: string; subjects: readonly string[]; reservations: Reservation[]; spentUsd: number };

const current = new AsyncLocalStorage<Scope>();

export type WorkRequest = {
  ownerId: string;
  ip: string;
  /**
   * The request came without an owner cookie (it was just given an owner): its per-owner rate is
   * also counted under `address:<ip>`, so a client that drops its cookie on every request gets no
   * fresh allowance with each fresh owner (see lib/limits/caller.ts).
   */
  cookieless?: boolean;
  /** Not signed in with the team password: the per-owner and per-address daily budgets apply. */
  anonymous: boolean;
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
  const ownerKeys = request.cookieless ? [`address:${request.ip}`, request.ownerId] : [request.ownerId];
  const counts: Array<{ rule: RateRule; key: string }> =
    request.kind === "share"
      ? ownerKeys.map((key) => ({ rule: "share-owner" as const, key }))
      : [...ownerKeys.map((key) => ({ rule: "work-owner" as const, key })), { rule: "work-ip", key: request.ip }];
  for (const count of counts) await consumeRateLimit(count);
  if (request.kind === "share") return { run: (body) => body() };
  const slot = await acquireJobSlot({ ownerId: request.ownerId });
  const subjects = budgetSubjects({ ownerKey: request.ownerId, ip: request.ip, anonymous: request.anonymous });
  const scope: Scope = { day: utcDay(), subjects, reservations: [], spentUsd: 0 };
  return { run: (body) => runInScope({ scope, slot, body }) };
}

async function runInScope<T>({ scope, slot, body }: { scope: Scope; slot: JobSlot; body: () => Promise<T> }): Promise<T> {
  try {
    return await current.run(scope, body);
  } finally {
    try {
      await settleBudget({ day: scope.day, reservations: scope.reservations, spentUsd: scope.spentUsd, subjects: scope.subjects });
    } finally {
      await slot.release();
    }
  }
}

/** Reserves a paid call's estimated price before the call; throws `budget_exhausted` when the day's budget would pass. */
export async function reserveForCall(estimateUsd: number): Promise<void> {
  const scope = current.getStore();
  if (!scope) return;
  const reservation = await reserveBudget({ usd: estimateUsd, day: scope.day, subjects: scope.subjects });
  if (reservation) scope.reservations.push(reservation);
}

/** Records what a paid call really cost, so the scope settles to it instead of the estimate. */
export function recordSpend(usd: number): void {
  const scope = current.getStore();
  if (scope && usd > 0) scope.spentUsd += usd;
}
