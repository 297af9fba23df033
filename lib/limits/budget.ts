import "server-only";
import { adjustSpend, adjustSubjectSpend, reserveSpend, reserveSubjectSpend } from "@/lib/db/reliability-queries";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { waitText } from "./rate-limits";

/*
 * The daily spend budgets. LOUPE_DAILY_BUDGET_USD bounds the whole studio; with
 * LOUPE_ANONYMOUS_DAILY_BUDGET_USD an anonymous client is also bounded per owner and per client
 * address (its `subjects`), so one stranger cannot spend the keys' money by themselves, with or
 * without a cookie. A paid call first reserves its estimated price in each row of the UTC day,
 * atomically (see reserveSpend); afterwards the reservation is swapped for the real cost, or given
 * back when the call failed.
 */

export type Reservation = { day: string; usd: number; studio: boolean; subjects: readonly string[] };

export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The per-client budget rows a caller draws on: none for a signed-in team member or with the budget off. */
export function budgetSubjects({ ownerKey, ip, anonymous }: { ownerKey: string; ip: string; anonymous: boolean }): string[] {
  if (!anonymous || env().LOUPE_ANONYMOUS_DAILY_BUDGET_USD === 0) return [];
  return [`owner:${ownerKey}`, `address:${ip}`];
}

/** Reserves `usd` of today's budgets; throws `budget_exhausted` (or `visitor_budget_exhausted`) when one would pass. Free calls reserve nothing. */
export async function reserveBudget({ usd, day = utcDay(), subjects = [] }: { usd: number; day?: string; subjects?: readonly string[] }): Promise<Reservation | null> {
  const { LOUPE_DAILY_BUDGET_USD: studioUsd, LOUPE_ANONYMOUS_DAILY_BUDGET_USD: clientUsd } = env();
  const charged = clientUsd > 0 ? subjects : [];
  if (usd <= 0 || (studioUsd === undefined && charged.length === 0)) return null;
  const taken: string[] = [];
  try {
    for (const subject of charged) {
      if (!(await reserveSubjectSpend({ day, subject, amountUsd: usd, budgetUsd: clientUsd }))) throw exhausted("visitor_budget_exhausted");
      taken.push(subject);
    }
    if (studioUsd !== undefined && !(await reserveSpend({ day, amountUsd: usd, budgetUsd: studioUsd }))) throw exhausted("budget_exhausted");
  } catch (error) {
    // All or nothing: what one row took is given back when another refuses.
    await Promise.all(taken.map((subject) => adjustSubjectSpend({ day, subject, deltaUsd: -usd })));
    throw error;
  }
  return { day, usd, studio: studioUsd !== undefined, subjects: taken };
}

/** Swaps reservations for what the calls really cost (`spentUsd`, 0 when they failed). */
export async function settleBudget({ day, reservations, spentUsd, subjects = [] }: { day: string; reservations: readonly Reservation[]; spentUsd: number; subjects?: readonly string[] }): Promise<void> {
  const { LOUPE_DAILY_BUDGET_USD: studioUsd, LOUPE_ANONYMOUS_DAILY_BUDGET_USD: clientUsd } = env();
  const reservedIn = (row: (r: Reservation) => boolean) => reservations.filter(row).reduce((sum, r) => sum + r.usd, 0);
  if (studioUsd !== undefined) await settleRow({ reserved: reservedIn((r) => r.studio), spentUsd, adjust: (deltaUsd) => adjustSpend({ day, deltaUsd }), add: (amountUsd) => reserveSpend({ day, amountUsd, budgetUsd: Number.MAX_SAFE_INTEGER }) });
  if (clientUsd === 0) return;
  for (const subject of subjects) {
    await settleRow({
      reserved: reservedIn((r) => r.subjects.includes(subject)),
      spentUsd,
      adjust: (deltaUsd) => adjustSubjectSpend({ day, subject, deltaUsd }),
      add: (amountUsd) => reserveSubjectSpend({ day, subject, amountUsd, budgetUsd: Number.MAX_SAFE_INTEGER }),
    });
  }
}

async function settleRow({ reserved, spentUsd, adjust, add }: { reserved: number; spentUsd: number; adjust: (deltaUsd: number) => Promise<void>; add: (amountUsd: number) => Promise<boolean> }): Promise<void> {
  if (reserved > 0) return adjust(spentUsd - reserved);
  // Spent without a reservation (a free first choice that fell back to a paid provider): still counted.
  if (spentUsd > 0) await add(spentUsd);
}

function exhausted(code: "budget_exhausted" | "visitor_budget_exhausted"): LoupeError {
  const retryAfterSeconds = secondsUntilNextUtcDay();
  const whose = code === "budget_exhausted" ? "Today's AI budget for this studio is used up." : "Your share of today's AI budget on this studio is used up.";
  return new LoupeError(code, {
    message: `${whose} Paid renders and Claude calls start again after midnight UTC, in about ${waitText(retryAfterSeconds)}; the Local renderer and the Offline engine still work.`,
    retryable: true,
    retryAfterSeconds,
  });
}

function secondsUntilNextUtcDay(now: Date = new Date()): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}
