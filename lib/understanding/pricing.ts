import "server-only";
import type { Usage } from "@/lib/schemas/critique";

/** USD per million tokens. Cache reads are billed at a tenth of the input price. */
export type TokenPrice = { inputPerMTok: number; outputPerMTok: number; cacheReadPerMTok: number };

const family = (inputPerMTok: number, outputPerMTok: number): TokenPrice => ({
  inputPerMTok,
  outputPerMTok,
  cacheReadPerMTok: inputPerMTok / 10,
});

/*
 * List prices by model family. New model ids keep their family's price until the table
 * learns them; an id of no known family is priced as the most expensive family so a budget
 * errs on the safe side.
 */
const FAMILY_PRICES: Array<[pattern: RegExp, price: TokenPrice]> = [
  [/opus-4-(0|1)|opus-4-20|opus-4-1-/, family(15, 75)],
  [/opus/, family(5, 25)],
  [/sonnet/, family(3, 15)],
  [/haiku-3-5|3-5-haiku/, family(0.8, 4)],
  [/haiku/, family(1, 5)],
];
const UNKNOWN_MODEL_PRICE = family(15, 75);

export const OFFLINE_PRICE: TokenPrice = { inputPerMTok: 0, outputPerMTok: 0, cacheReadPerMTok: 0 };

export function priceFor({ model, engine }: { model: string; engine: "claude" | "offline" }): TokenPrice {
  if (engine === "offline") return OFFLINE_PRICE;
  return FAMILY_PRICES.find(([pattern]) => pattern.test(model))?.[1] ?? UNKNOWN_MODEL_PRICE;
}

/** A 5-minute cache write costs a quarter more than plain input (Loupe writes only 5-minute entries). */
export const CACHE_WRITE_MULTIPLIER = 1.25;

/**
 * `usage.inputTokens` includes the cached tokens and the cache writes (see toUsage in claude.ts):
 * reads are billed at the cache-read rate, writes at 1.25× the input price. Thinking tokens are
 * part of `outputTokens` already.
 */
export function costOfUsage({ usage, model, engine }: { usage: Usage; model: string; engine: "claude" | "offline" }): number {
  const price = priceFor({ model, engine });
  const written = usage.cacheWriteTokens ?? 0;
  const fresh = Math.max(0, usage.inputTokens - usage.cachedTokens - written);
  const usd =
    (fresh * price.inputPerMTok + written * price.inputPerMTok * CACHE_WRITE_MULTIPLIER + usage.cachedTokens * price.cacheReadPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
  return roundUsd(usd);
}

/** Millionths of a dollar: fine enough for one Haiku call, free of float noise in sums. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}
