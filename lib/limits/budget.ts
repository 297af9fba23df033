import "server-only";
import { adjustSpend, reserveSpend } from "@/lib/db/reliability-queries";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { waitText } from "./rate-limits";

/*
 * The daily spend budget (LOUPE_DAILY_BUDGET_USD). A paid call first reserves its estimated
 * price in the `spend_days` row of the UTC day, atomically (see reserveSpend); afterwards the
 * reservation is swapped for the real cost, or given back when the call failed.
 */

export type Reservation = { day: string; usd: number };

export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Reserves `usd` of today's budget; throws `budget_exhausted` when it would pass. Free calls reserve nothing. */
export async function reserveBudget({ usd, day = utcDay() }: { usd: number; day?: string }): Promise<Reservation | null> {
  const budgetUsd = env().LOUPE_DAILY_BUDGET_USD;
  if (budgetUsd === undefined || usd <= 0) return null;
  if (await reserveSpend({ day, amountUsd: usd, budgetUsd })) return { day, usd };
  const retryAfterSeconds = secondsUntilNextUtcDay();
  throw new LoupeError("budget_exhausted", {
    message: `Today's AI budget for this studio is used up. Paid renders and Claude calls start again after midnight UTC, in about ${waitText(retryAfterSeconds)}; the Local renderer and the Offline engine still work.`,
    retryable: true,
    retryAfterSeconds,
  });
}

/** Swaps reservations for what the calls really cost (`spentUsd`, 0 when they failed). */
export async function settleBudget({ day, reservations, spentUsd }: { day: string; reservations: readonly Reservation[]; spentUsd: number }): Promise<void> {
  if (env().LOUPE_DAILY_BUDGET_USD === undefined) return;
  const reserved = reservations.reduce((sum, r) => sum + r.usd, 0);
  if (reserved > 0) return adjustSpend({ day, deltaUsd: spentUsd - reserved });
  // Spent without a reservation (a free first choice that fell back to a paid provider): still counted.
  if (spentUsd > 0) await reserveSpend({ day, amountUsd: spentUsd, budgetUsd: Number.MAX_SAFE_INTEGER });
}

function secondsUntilNextUtcDay(now: Date = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
