import { describe, expect, it } from "vitest";
import { capabilities, capabilityFor, type ModelCapability, type ProviderId } from "./capabilities";
import { fallbackChain, hasQuotedText, routeAuto, routeExplicit, type RouteCandidate } from "./route";

const LABELS: Record<string, string> = { local: "Local renderer", openai: "OpenAI", fal: "fal", google: "Google", luma: "Luma", fireworks: "Fireworks" };

/** Every table row of the given providers, as the registry would hand them to the router. */
function candidates(...ids: ProviderId[]): RouteCandidate[] {
  return (capabilities as readonly ModelCapability[]).filter((c) => ids.includes(c.providerId)).map((capability) => ({ providerId: capability.providerId, label: LABELS[capability.providerId] ?? capability.providerId, local: capability.providerId === "local", capability }));
}
const defaults = { local: "poster-v1", openai: "gpt-image-1", fal: "fal-ai/flux/dev", google: "gemini-2.5-flash-image", fireworks: "accounts/fireworks/models/flux-1-schnell-fp8" };

describe("hasQuotedText", () => {
  it("sees quoted words in straight, curly and guillemet quotes", () => {
    expect(hasQuotedText('a poster that says "OPEN LATE"')).toBe(true);
    expect(hasQuotedText("a sign reading “Café”")).toBe(true);
    expect(hasQuotedText("«Soldes» en vitrine")).toBe(true);
  });
  it("ignores prompts without a quoted phrase", () => {
    expect(hasQuotedText("a fox in the snow")).toBe(false);
    expect(hasQuotedText('a 12" vinyl sleeve')).toBe(false);
  });
});

describe("routeAuto", () => {
  it("uses the Local renderer when nothing else is configured", () => {
    expect(routeAuto({ prompt: "a fox", n: 1, candidates: candidates("local") })).toEqual({ providerId: "local", model: "poster-v1", reason: "no provider configured → Local renderer" });
  });
  it("sends a quoted headline to the model strongest at text", () => {
    const route = routeAuto({ prompt: 'a poster "SUMMER SALE"', n: 1, candidates: candidates("local", "fal", "openai") });
    expect(route).toMatchObject({ providerId: "openai", model: "gpt-image-1" });
    expect(route.reason).toBe("quoted headline → a model strong at text (OpenAI · gpt-image-1)");
  });
  it("sends many variants to a cheap, fast model", () => {
    const route = routeAuto({ prompt: "a fox", n: 4, candidates: candidates("local", "openai", "fal", "fireworks") });
    expect(route).toMatchObject({ providerId: "fireworks", model: "accounts/fireworks/models/flux-1-schnell-fp8" });
    expect(route.reason).toMatch(/^4 variants → a cheap, fast model/);
  });
  it("otherwise picks the best quality, the cheaper among equals", () => {
    const route = routeAuto({ prompt: "a fox", n: 1, candidates: candidates("local", "fal", "openai") });
    // fal flux-pro (quality 5, $0.04) beats gpt-image-1 (quality 5, $0.042).
    expect(route).toMatchObject({ providerId: "fal", model: "fal-ai/flux-pro/v1.1" });
    expect(route.reason).toMatch(/^best quality for the price/);
  });
  it("never picks the Local renderer while a remote provider exists", () => {
    expect(routeAuto({ prompt: "x", n: 4, candidates: candidates("local", "luma") }).providerId).toBe("luma");
  });
});

describe("routeExplicit", () => {
  it("honours a configured provider and its model, else its default model", () => {
    const all = candidates("local", "openai");
    expect(routeExplicit({ providerId: "openai", model: "dall-e-3", candidates: all, defaults })).toEqual({ providerId: "openai", model: "dall-e-3", reason: "chosen by the designer" });
    expect(routeExplicit({ providerId: "openai", model: "poster-v1", candidates: all, defaults })?.model).toBe("gpt-image-1");
  });
  it("returns nothing for an unconfigured provider", () => {
    expect(routeExplicit({ providerId: "fal", candidates: candidates("local"), defaults })).toBeUndefined();
  });
});

describe("fallbackChain", () => {
  const all = candidates("local", "openai", "fal", "google");
  const first = { providerId: "openai", model: "gpt-image-1", reason: "x" };
  it("tries each other remote provider’s default model once (best quality, then cheapest), then the Local renderer under Auto", () => {
    const chain = fallbackChain({ first, auto: true, candidates: all, defaults, maxFallbacks: 5 });
    expect(chain.map((r) => `${r.providerId}:${r.model}`)).toEqual(["fal:fal-ai/flux/dev", "google:gemini-2.5-flash-image", "local:poster-v1"]);
  });
  it("never ends an explicit choice on the Local renderer", () => {
    expect(fallbackChain({ first, auto: false, candidates: all, defaults, maxFallbacks: 5 }).map((r) => r.providerId)).toEqual(["fal", "google"]);
  });
  it("respects the limit on remote fallbacks", () => {
    expect(fallbackChain({ first, auto: true, candidates: all, defaults, maxFallbacks: 0 }).map((r) => r.providerId)).toEqual(["local"]);
  });
});

describe("capabilityFor", () => {
  it("lends a provider's first row to a model missing from the table", () => {
    expect(capabilityFor("fal", "fal-ai/flux-2")).toMatchObject({ providerId: "fal", model: "fal-ai/flux-2", sizing: { kind: "pixels" } });
    expect(capabilityFor("openai-compatible", "x")).toBeUndefined();
  });
});
