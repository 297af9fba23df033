import "server-only";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getPostgresPool } from "@/lib/db/client";
import { env, type Env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";

/*
 * Request-rate limits, counted by rate-limiter-flexible: in memory when Loupe is one process
 * (embedded PGlite), in a PostgreSQL table when DATABASE_URL is set, so every instance behind a
 * load balancer draws on the same counts.
 */

export type RateRule = "work-owner" | "work-ip" | "share-owner" | "sign-in-ip";

const RULES: Record<RateRule, { points: (e: Env) => number; durationSeconds: number; message: (wait: string) => string }> = {
  "work-owner": { points: (e) => e.LOUPE_RATE_LIMIT_PER_OWNER, durationSeconds: 60, message: (wait) => `You are sending requests faster than this studio allows. Try again in ${wait}.` },
  "work-ip": { points: (e) => e.LOUPE_RATE_LIMIT_PER_IP, durationSeconds: 60, message: (wait) => `Too many requests from your network. Try again in ${wait}.` },
  "share-owner": { points: (e) => e.LOUPE_SHARE_LINKS_PER_HOUR, durationSeconds: 3600, message: (wait) => `You have made many share links this hour. Try again in ${wait}.` },
  "sign-in-ip": { points: (e) => e.LOUPE_SIGN_IN_ATTEMPTS, durationSeconds: 900, message: (wait) => `Too many sign-in attempts from this address. Try again in ${wait}.` },
};

const TABLE = "loupe_rate_limits";

type Pool = Awaited<ReturnType<typeof getPostgresPool>>;
type Limiters = { config: Env; pool: Pool; byRule: Map<RateRule, RateLimiterAbstract> };
const globalStore = globalThis as typeof globalThis & { __loupeRateLimiters?: Promise<Limiters> };

async function limiters(): Promise<Limiters> {
  const config = env();
  const pool = await getPostgresPool();
  // Built once for the parsed settings and the store (again only when a test resets them).
  const current = await globalStore.__loupeRateLimiters?.catch(() => undefined);
  if (current?.config === config && current.pool === pool) return current;
  const building = build({ config, pool });
  globalStore.__loupeRateLimiters = building;
  return building;
}

async function build({ config: e, pool }: { config: Env; pool: Pool }): Promise<Limiters> {
  const byRule = new Map<RateRule, RateLimiterAbstract>();
  for (const rule of Object.keys(RULES) as RateRule[]) {
    const options = { keyPrefix: rule, points: Math.max(1, RULES[rule].points(e)), duration: RULES[rule].durationSeconds };
    if (!pool) {
      byRule.set(rule, new RateLimiterMemory(options));
      continue;
    }
    // One after another: the first creates the shared table, the rest find it.
    byRule.set(
      rule,
      await new Promise<RateLimiterAbstract>((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          // A database hiccup falls back to counting in this process rather than refusing everyone.
          { ...options, storeClient: pool, storeType: "pool", tableName: TABLE, insuranceLimiter: new RateLimiterMemory(options) },
          (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(limiter)),
        );
      }),
    );
  }
  return { config: e, pool, byRule };
}

/** Counts one request against `rule` for `key`; throws `rate_limited` with Retry-After when over. */
export async function consumeRateLimit({ rule, key }: { rule: RateRule; key: string }): Promise<void> {
  if (RULES[rule].points(env()) === 0) return;
  const limiter = (await limiters()).byRule.get(rule)!;
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!isRefusal(rejection)) throw rejection;
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new LoupeError("rate_limited", { message: RULES[rule].message(waitText(retryAfterSeconds)), retryable: true, retryAfterSeconds });
  }
}

/** Forgets `key`'s count under `rule` (a right password clears the address's failed attempts). */
export async function resetRateLimit({ rule, key }: { rule: RateRule; key: string }): Promise<void> {
  if (RULES[rule].points(env()) === 0) return;
  await (await limiters()).byRule.get(rule)!.delete(key);
}

/**
 * The library rejects with a RateLimiterRes when over the limit (and with an Error when its store
 * fails). Not `instanceof`: Next bundles the library once for route handlers and once for server
 * actions, and the limiters (shared on globalThis) may come from either copy.
 */
function isRefusal(value: unknown): value is RateLimiterRes {
  return typeof value === "object" && value !== null && !(value instanceof Error) && typeof (value as RateLimiterRes).msBeforeNext === "number";
}

export function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}
