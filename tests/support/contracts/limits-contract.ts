import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb, getDbEngine } from "@/lib/db/client";
import { acquireJobLease } from "@/lib/db/limit-queries";
import { rowsOf } from "./query-contract";
import { spendDays, spendSubjectDays } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import { setEnv } from "../env";
import { reserveBudget, utcDay } from "@/lib/limits/budget";
import { consumeRateLimit, resetRateLimit } from "@/lib/limits/rate-limits";
import { admitWork, recordSpend, reserveForCall, type WorkRequest } from "@/lib/limits/work";

/** What the day's row says was spent (committed reservations and real costs). */
async function spentOn(day: string): Promise<number> {
  const db = await getDb();
  const rows = await db.select({ usd: spendDays.committedUsd }).from(spendDays).where(eq(spendDays.day, day));
  return rows[0]?.usd ?? 0;
}

/** What one anonymous client's row (`owner:<id>` or `address:<ip>`) says it spent that day. */
async function subjectSpentOn({ day, subject }: { day: string; subject: string }): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ usd: spendSubjectDays.committedUsd })
    .from(spendSubjectDays)
    .where(and(eq(spendSubjectDays.day, day), eq(spendSubjectDays.subject, subject)));
  return rows[0]?.usd ?? 0;
}

/** One unit of work under the limits, as an action or route handler runs it. */
const withLimits = async <T>(request: WorkRequest, body: () => Promise<T>): Promise<T> => (await admitWork(request)).run(body);

/*
 * One suite, run by limits.pglite.test.ts (one process: counts in memory) and
 * limits.postgres.test.ts (counts in PostgreSQL, shared by instances). The caller points the
 * environment at a fresh database first.
 */

const LIMIT_VARIABLES = ["LOUPE_RATE_LIMIT_PER_OWNER", "LOUPE_RATE_LIMIT_PER_IP", "LOUPE_SHARE_LINKS_PER_HOUR", "LOUPE_SIGN_IN_ATTEMPTS", "LOUPE_MAX_JOBS_PER_OWNER", "LOUPE_DAILY_BUDGET_USD", "LOUPE_ANONYMOUS_DAILY_BUDGET_USD"] as const;

function setLimits(values: Partial<Record<(typeof LIMIT_VARIABLES)[number], string>>) {
  setEnv({ ...Object.fromEntries(LIMIT_VARIABLES.map((name) => [name, values[name] ?? "0"])), LOUPE_DAILY_BUDGET_USD: values.LOUPE_DAILY_BUDGET_USD || undefined });
}

const request = (over: Partial<WorkRequest> = {}): WorkRequest => ({ kind: "work", ownerId: randomUUID(), ip: `198.51.100.${Math.floor(Math.random() * 250)}`, anonymous: false, ...over });

async function refusal(promise: Promise<unknown>): Promise<LoupeError> {
  const error: unknown = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof LoupeError)) throw new Error(`expected a LoupeError, got ${String(error)}`);
  return error;
}

/** A unit of work that stays in flight until `finish` is called. */
function heldWork(admitted: Awaited<ReturnType<typeof admitWork>>) {
  let finish: () => void = () => undefined;
  const done = admitted.run(() => new Promise<void>((resolve) => (finish = resolve)));
  return { finish: async () => (finish(), done) };
}

export function describeLimitsContract() {
  afterEach(() => setLimits({}));

  describe("rate limits", () => {
    it("refuses an owner's request past the limit with rate_limited and a Retry-After within the window", async () => {
      setLimits({ LOUPE_RATE_LIMIT_PER_OWNER: "3" });
      const mine = request();
      for (let i = 0; i < 3; i += 1) await withLimits({ ...mine, ip: `203.0.113.${i}` }, async () => "ok");
      const error = await refusal(withLimits({ ...mine, ip: "203.0.113.9" }, async () => "too many"));
      expect(error.code).toBe("rate_limited");
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(error.message).toMatch(/Try again in \d+ s\./);
      // Another owner is not held back by this one.
      await expect(withLimits(request(), async () => "ok")).resolves.toBe("ok");
    });

    it("counts every owner behind one address against the per-address limit", async () => {
      setLimits({ LOUPE_RATE_LIMIT_PER_IP: "2" });
      const ip = "192.0.2.77";
      await withLimits(request({ ip }), async () => undefined);
      await withLimits(request({ ip }), async () => undefined);
      expect((await refusal(withLimits(request({ ip }), async () => undefined))).code).toBe("rate_limited");
      await expect(withLimits(request({ ip: "192.0.2.78" }), async () => "ok")).resolves.toBe("ok");
    });

    it("counts a request that came without a cookie against its address as well, so fresh owners bring no fresh allowance", async () => {
      setLimits({ LOUPE_RATE_LIMIT_PER_OWNER: "2" });
      const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
      const fresh = () => request({ ip, cookieless: true });
      await withLimits(fresh(), async () => undefined);
      await withLimits(fresh(), async () => undefined);
      expect((await refusal(withLimits(fresh(), async () => undefined))).code).toBe("rate_limited");
      // The owner it was given keeps its own count from there; other addresses are not held back.
      await expect(withLimits(request({ ip: "192.0.2.251", cookieless: true }), async () => "ok")).resolves.toBe("ok");
    });

    it("limits share links per owner on their own count", async () => {
      setLimits({ LOUPE_SHARE_LINKS_PER_HOUR: "1", LOUPE_RATE_LIMIT_PER_OWNER: "100" });
      const owner = request({ kind: "share" });
      await withLimits(owner, async () => undefined);
      const error = await refusal(withLimits(owner, async () => undefined));
      expect(error.code).toBe("rate_limited");
      expect(error.retryAfterSeconds).toBeGreaterThan(60);
      // Renders are a different count.
      await expect(withLimits({ ...owner, kind: "work" }, async () => "ok")).resolves.toBe("ok");
    });

    it("slows password guessing per address for a quarter of an hour, and forgets it after a right password", async () => {
      setLimits({ LOUPE_SIGN_IN_ATTEMPTS: "2" });
      const key = `192.0.2.${Math.floor(Math.random() * 250)}`;
      await consumeRateLimit({ rule: "sign-in-ip", key });
      await consumeRateLimit({ rule: "sign-in-ip", key });
      const error = await refusal(consumeRateLimit({ rule: "sign-in-ip", key }));
      expect(error.code).toBe("rate_limited");
      expect(error.retryAfterSeconds).toBeGreaterThan(14 * 60);
      await resetRateLimit({ rule: "sign-in-ip", key });
      await expect(consumeRateLimit({ rule: "sign-in-ip", key })).resolves.toBeUndefined();
    });

    it("keeps the counts where every instance sees them (PostgreSQL) or in this one process (PGlite)", async () => {
      setLimits({ LOUPE_RATE_LIMIT_PER_OWNER: "5" });
      const mine = request();
      await withLimits(mine, async () => undefined);
      await withLimits(mine, async () => undefined);
      const tables = await rowsOf<{ n: number }>(sql`select count(*)::int as n from information_schema.tables where table_name = 'loupe_rate_limits'`);
      if ((await getDbEngine()) === "pglite") return expect(tables[0]?.n).toBe(0);
      const counted = await rowsOf<{ points: number }>(sql`select points from loupe_rate_limits where key = ${`work-owner:${mine.ownerId}`}`);
      expect(counted[0]?.points).toBe(2);
    });
  });

  describe("job cap", () => {
    it("refuses an owner's job past the cap with too_many_jobs, and admits again once one finishes", async () => {
      setLimits({ LOUPE_MAX_JOBS_PER_OWNER: "2" });
      const mine = request();
      const first = heldWork(await admitWork(mine));
      const second = heldWork(await admitWork(mine));
      const error = await refusal(admitWork(mine));
      expect(error.code).toBe("too_many_jobs");
      expect(error.retryAfterSeconds).toBeGreaterThan(0);
      await expect(withLimits(request(), async () => "another owner")).resolves.toBe("another owner");
      await first.finish();
      const third = heldWork(await admitWork(mine));
      await Promise.all([second.finish(), third.finish()]);
    });

    it("gives exactly the free slots to requests racing for them", async () => {
      setLimits({ LOUPE_MAX_JOBS_PER_OWNER: "2" });
      const mine = request();
      const tries = await Promise.allSettled(Array.from({ length: 6 }, () => admitWork(mine)));
      const admitted = tries.flatMap((t) => (t.status === "fulfilled" ? [t.value] : []));
      expect(admitted).toHaveLength(2);
      expect(tries.filter((t) => t.status === "rejected").map((t) => (t as PromiseRejectedResult).reason.code)).toEqual(Array(4).fill("too_many_jobs"));
      await Promise.all(admitted.map((a) => a.run(async () => undefined)));
      await expect(withLimits(mine, async () => "free again")).resolves.toBe("free again");
    });

    it("frees the slot of work that failed", async () => {
      setLimits({ LOUPE_MAX_JOBS_PER_OWNER: "1" });
      const mine = request();
      await refusal(withLimits(mine, async () => Promise.reject(new LoupeError("provider_error"))));
      await expect(withLimits(mine, async () => "ok")).resolves.toBe("ok");
    });

    it("counts work an action starts inside another as part of it", async () => {
      setLimits({ LOUPE_MAX_JOBS_PER_OWNER: "1", LOUPE_RATE_LIMIT_PER_OWNER: "1" });
      const mine = request();
      await expect(withLimits(mine, () => withLimits(mine, async () => "nested"))).resolves.toBe("nested");
    });

    it("lets a lease left by a crashed instance lapse", async () => {
      const ownerId = randomUUID();
      expect(await acquireJobLease({ ownerId, max: 1, ttlMs: 1000 })).not.toBeNull();
      expect(await acquireJobLease({ ownerId, max: 1, ttlMs: 60_000 })).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await acquireJobLease({ ownerId, max: 1, ttlMs: 60_000 })).not.toBeNull();
    });
  });

  describe("daily budget", () => {
    it("lets exactly one of several concurrent reservations win when two would pass the budget", async () => {
      setLimits({ LOUPE_DAILY_BUDGET_USD: "1" });
      const day = `race-${randomUUID()}`;
      const tries = await Promise.allSettled(Array.from({ length: 8 }, () => reserveBudget({ usd: 0.6, day })));
      expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
      const losers = tries.flatMap((t) => (t.status === "rejected" ? [t.reason as LoupeError] : []));
      expect(losers.map((e) => e.code)).toEqual(Array(7).fill("budget_exhausted"));
      expect(losers[0]?.retryAfterSeconds).toBeLessThanOrEqual(24 * 3600);
      expect(await spentOn(day)).toBeCloseTo(0.6);
    });

    it("settles a paid call to its real cost, and gives back the reservation of a failed one", async () => {
      setLimits({ LOUPE_DAILY_BUDGET_USD: "1000" });
      const before = await spentOn(utcDay());
      await withLimits(request(), async () => {
        await reserveForCall(0.5);
        expect(await spentOn(utcDay())).toBeCloseTo(before + 0.5);
        recordSpend(0.125);
      });
      expect(await spentOn(utcDay())).toBeCloseTo(before + 0.125);
      await refusal(
        withLimits(request(), async () => {
          await reserveForCall(0.5);
          throw new LoupeError("claude_overloaded");
        }),
      );
      expect(await spentOn(utcDay())).toBeCloseTo(before + 0.125);
    });

    it("refuses a paid call the day's budget cannot cover, and reserves nothing for a free one", async () => {
      setLimits({ LOUPE_DAILY_BUDGET_USD: "0.000001" });
      const before = await spentOn(utcDay());
      const error = await refusal(withLimits(request(), () => reserveForCall(0.04)));
      expect(error.code).toBe("budget_exhausted");
      expect(error.message).toMatch(/midnight UTC/);
      await expect(withLimits(request(), async () => (await reserveForCall(0), "free"))).resolves.toBe("free");
      expect(await spentOn(utcDay())).toBe(before);
    });

    it("bounds one anonymous client per owner and per address, so neither a new address nor a dropped cookie buys more", async () => {
      setLimits({ LOUPE_ANONYMOUS_DAILY_BUDGET_USD: "0.05" });
      const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
      const visitor = request({ ip, anonymous: true });
      await withLimits(visitor, async () => (await reserveForCall(0.04), recordSpend(0.03)));
      expect(await subjectSpentOn({ day: utcDay(), subject: `owner:${visitor.ownerId}` })).toBeCloseTo(0.03);
      expect(await subjectSpentOn({ day: utcDay(), subject: `address:${ip}` })).toBeCloseTo(0.03);
      // The same owner from another address: its own budget refuses.
      const sameOwner = await refusal(withLimits({ ...visitor, ip: "203.0.113.200" }, () => reserveForCall(0.03)));
      expect(sameOwner.code).toBe("visitor_budget_exhausted");
      expect(sameOwner.message).toMatch(/Your share of today's AI budget.*midnight UTC/);
      // A new owner (the cookie dropped) from the same address: the address's budget refuses.
      const newOwner = await refusal(withLimits(request({ ip, anonymous: true }), () => reserveForCall(0.03)));
      expect(newOwner.code).toBe("visitor_budget_exhausted");
      // A refusal took nothing from either row, so what is left still fits.
      expect(await subjectSpentOn({ day: utcDay(), subject: `address:${ip}` })).toBeCloseTo(0.03);
      await withLimits(request({ ip, anonymous: true }), () => reserveForCall(0.015));
      // A signed-in team member is not an anonymous client; and 0 turns the budget off.
      await withLimits({ ...visitor, anonymous: false }, () => reserveForCall(1));
      setLimits({ LOUPE_ANONYMOUS_DAILY_BUDGET_USD: "0" });
      await withLimits(visitor, () => reserveForCall(1));
    });

    it("counts nothing when no budget is set", async () => {
      setLimits({});
      const before = await spentOn(utcDay());
      await withLimits(request(), async () => (await reserveForCall(5), recordSpend(5)));
      expect(await spentOn(utcDay())).toBe(before);
    });
  });
}
