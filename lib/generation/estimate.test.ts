import { afterEach, describe, expect, it } from "vitest";
import { generationParamsSchema } from "@/lib/schemas/params";
import { estimateRenderUsd } from "./estimate";
import { setEnv } from "@/tests/support/env";

const params = (over: Record<string, unknown>) => generationParamsSchema.parse(over);

afterEach(() => {
  setEnv({ OPENAI_API_KEY: undefined, FAL_KEY: undefined });
});

describe("estimateRenderUsd", () => {
  it("reserves nothing for the Local renderer", () => {
    expect(estimateRenderUsd({ prompt: "a poster", params: params({ providerId: "local", n: 4 }) })).toBe(0);
  });

  it("is the list price × n of the dearest route the render may take, fallbacks included", () => {
    setEnv({ OPENAI_API_KEY: "sk-test" });
    expect(estimateRenderUsd({ prompt: "a poster", params: params({ providerId: "openai", model: "gpt-image-1", n: 2 }) })).toBeCloseTo(0.084);
    setEnv({ FAL_KEY: "fal-test" });
    // fal's flux-schnell is cheap, but a failure may fall back to OpenAI's gpt-image-1.
    expect(estimateRenderUsd({ prompt: "a poster", params: params({ providerId: "fal", model: "fal-ai/flux/schnell", n: 1 }) })).toBeCloseTo(0.042);
  });

  it("adds one image per column in Compare", () => {
    setEnv({ OPENAI_API_KEY: "sk-test", FAL_KEY: "fal-test" });
    expect(estimateRenderUsd({ prompt: "a poster", params: params({ compare: ["local", "openai", "fal"] }) })).toBeCloseTo(0.042 + 0.025);
  });

  it("prices the model a reference routes the render to, as render() plans it", () => {
    setEnv({ FAL_KEY: "fal-test" });
    const falDev = params({ providerId: "fal", model: "fal-ai/flux/dev", n: 1 });
    expect(estimateRenderUsd({ prompt: "a poster", params: falDev })).toBeCloseTo(0.025);
    // With a reference, fal serves through its Kontext endpoint, which takes the image.
    expect(estimateRenderUsd({ prompt: "a poster", params: falDev, reference: true })).toBeCloseTo(0.04);
  });
});
