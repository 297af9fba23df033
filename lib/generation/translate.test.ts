import { describe, expect, it } from "vitest";
import { generationParamsSchema } from "@/lib/schemas/params";
import { capabilityFor, gatewayCapability } from "./capabilities";
import { pixelSize, translateParams } from "./translate";

const params = (input: Record<string, unknown>) => generationParamsSchema.parse(input);
const cap = (providerId: Parameters<typeof capabilityFor>[0], model: string) => capabilityFor(providerId, model)!;

describe("translateParams", () => {
  it("snaps aspect ratios to the sizes gpt-image-1 accepts, and says so", () => {
    expect(translateParams({ capability: cap("openai", "gpt-image-1"), params: params({ aspectRatio: "16:9" }) })).toMatchObject({ size: "1536x1024", warnings: ["gpt-image-1 has no 16:9 size; rendered at 1536x1024."] });
    expect(translateParams({ capability: cap("openai", "gpt-image-1"), params: params({ aspectRatio: "2:3" }) })).toMatchObject({ size: "1024x1536", warnings: [] });
    expect(translateParams({ capability: cap("openai", "dall-e-3"), params: params({ aspectRatio: "9:16" }) }).size).toBe("1024x1792");
  });
  it("passes a supported ratio through and snaps an unsupported one to the nearest", () => {
    expect(translateParams({ capability: cap("luma", "photon-1"), params: params({ aspectRatio: "16:9" }) })).toMatchObject({ aspectRatio: "16:9", size: undefined, warnings: [] });
    expect(translateParams({ capability: cap("luma", "photon-1"), params: params({ aspectRatio: "4:5" }) })).toMatchObject({ aspectRatio: "3:4", warnings: ["photon-1 has no 4:5; rendered at 3:4."] });
    expect(translateParams({ capability: cap("google", "imagen-4.0-generate-001"), params: params({ aspectRatio: "3:2" }) }).aspectRatio).toBe("4:3");
  });
  it("computes pixel sizes on the model's grid", () => {
    expect(pixelSize({ aspectRatio: "4:5", longEdge: 1024, multiple: 16 })).toBe("816x1024");
    expect(pixelSize({ aspectRatio: "16:9", longEdge: 1440, multiple: 32 })).toBe("1440x800");
    expect(translateParams({ capability: cap("togetherai", "black-forest-labs/FLUX.1-schnell"), params: params({ aspectRatio: "1:1" }) }).size).toBe("1024x1024");
  });
  it("clamps n to what the model renders per request", () => {
    expect(translateParams({ capability: cap("openai", "dall-e-3"), params: params({ n: 3 }) })).toMatchObject({ n: 1, warnings: ["dall-e-3 renders 1 image per request; asked for 3."] });
    expect(translateParams({ capability: cap("fal", "fal-ai/flux/dev"), params: params({ n: 4 }) }).n).toBe(4);
  });
  it("sends a seed only to models that take one, and warns when one was asked of a model that does not", () => {
    expect(translateParams({ capability: cap("fal", "fal-ai/flux/dev"), params: params({ seed: 3 }) })).toMatchObject({ sendSeed: true, warnings: [] });
    expect(translateParams({ capability: cap("xai", "grok-imagine-image"), params: params({ seed: 3 }) })).toMatchObject({ sendSeed: false, warnings: ["grok-imagine-image does not take a seed, so this render cannot be reproduced exactly."] });
    expect(translateParams({ capability: cap("xai", "grok-imagine-image"), params: params({}) }).warnings).toEqual([]);
  });
  it("uses a gateway's configured sizes", () => {
    const capability = gatewayCapability({ model: "m", sizes: ["512x512", "768x512"], priceUsd: null });
    expect(translateParams({ capability, params: params({ aspectRatio: "16:9" }) }).size).toBe("768x512");
  });
});
