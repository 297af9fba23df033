import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { setEnv } from "@/tests/support/env";
import { withProviderSlot } from "./provider-slots";

/** Starts `count` calls to one provider that finish when released, and reports the most in flight at once. */
async function burst({ providerId, count }: { providerId: string; count: number }) {
  let inFlight = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const calls = Array.from({ length: count }, (_, i) =>
    withProviderSlot(providerId, async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight -= 1;
      return i;
    }),
  );
  // Let every call that may start, start; then release them one by one, letting waiters take the slot.
  for (let released = 0; released < count; released += 1) {
    await new Promise((r) => setTimeout(r, 5));
    releases.shift()?.();
  }
  return { results: await Promise.all(calls), most };
}

describe("per-provider concurrency", () => {
  afterEach(() => setEnv({ LOUPE_PROVIDER_CONCURRENCY: undefined }));

  it("holds a capped provider's calls to its cap, and runs every one in the end", async () => {
    setEnv({ LOUPE_PROVIDER_CONCURRENCY: "slowco=2,other=5" });
    const { results, most } = await burst({ providerId: "slowco", count: 5 });
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it("leaves a provider it does not name to the render pool", async () => {
    setEnv({ LOUPE_PROVIDER_CONCURRENCY: "slowco=1" });
    const { most } = await burst({ providerId: "openai", count: 4 });
    expect(most).toBe(4);
  });

  it("reads the setting as provider=number pairs and refuses anything else by name", () => {
    expect(parseEnv({ LOUPE_PROVIDER_CONCURRENCY: "openai=2, fal=8" }).LOUPE_PROVIDER_CONCURRENCY).toEqual({ openai: 2, fal: 8 });
    expect(parseEnv({}).LOUPE_PROVIDER_CONCURRENCY).toEqual({});
    expect(() => parseEnv({ LOUPE_PROVIDER_CONCURRENCY: "openai=0" })).toThrow(/"openai=0" should be a provider id and a number from 1 to 64/);
    expect(() => parseEnv({ LOUPE_PROVIDER_CONCURRENCY: "openai" })).toThrow(/LOUPE_PROVIDER_CONCURRENCY/);
  });
});
