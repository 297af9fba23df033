import "server-only";
import pLimit, { type LimitFunction } from "p-limit";
import { env } from "@/lib/env";

/*
 * How many calls to one provider this process makes at once (LOUPE_PROVIDER_CONCURRENCY, e.g.
 * "openai=2,fal=8"). The render pool's size bounds renders; a provider with a low rate limit, or
 * a pricier one, gets a cap of its own, and its variants and clips wait their turn here instead
 * of being refused upstream with 429s. A provider not named is bounded only by the pool.
 */

const limits = new Map<string, LimitFunction>();

/** Runs one provider call in a slot of that provider's (waiting for one when all are busy). */
export function withProviderSlot<T>(providerId: string, call: () => Promise<T>): Promise<T> {
  const cap = env().LOUPE_PROVIDER_CONCURRENCY[providerId];
  if (!cap) return call();
  let limit = limits.get(providerId);
  if (!limit || limit.concurrency !== cap) limits.set(providerId, (limit = pLimit(cap)));
  return limit(call);
}
