import { describe, expect, it } from "vitest";
import { openaiMaxImages, openaiSizeFor } from "./openai";

describe("OpenAI size and count limits", () => {
  it("snaps aspect ratios to the sizes gpt-image-1 accepts", () => {
    expect(openaiSizeFor("gpt-image-1", "1:1")).toBe("1024x1024");
    expect(openaiSizeFor("gpt-image-1", "16:9")).toBe("1536x1024");
    expect(openaiSizeFor("gpt-image-1", "3:2")).toBe("1536x1024");
    expect(openaiSizeFor("gpt-image-1", "4:5")).toBe("1024x1536");
    expect(openaiSizeFor("gpt-image-1", "5:4")).toBe("1536x1024");
    expect(openaiSizeFor("gpt-image-1", "9:16")).toBe("1024x1536");
  });
  it("uses dall-e-3's own sizes", () => {
    expect(openaiSizeFor("dall-e-3", "16:9")).toBe("1792x1024");
    expect(openaiSizeFor("dall-e-3", "9:16")).toBe("1024x1792");
  });
  it("knows dall-e-3 renders one image per request", () => {
    expect(openaiMaxImages("dall-e-3")).toBe(1);
    expect(openaiMaxImages("gpt-image-1")).toBe(4);
  });
});
