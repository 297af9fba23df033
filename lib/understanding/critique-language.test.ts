import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { critiqueUserMessage } from "./prompts";
import { createOfflineEngine } from "./offline";

const han = /\p{Script=Han}/u;

describe("critique language", () => {
  it("the Offline engine writes in the UI language while the revised prompt keeps the prompt's", async () => {
    const bytes = await sharp({ create: { width: 256, height: 256, channels: 3, background: "#777777" } }).png().toBuffer();
    const engine = createOfflineEngine({ chunkDelayMs: 0 });
    const input = { image: { bytes, mediaType: "image/png" }, prompt: "A poster, deep blue and gold, high contrast", draft: "a poster in blue and gold" };

    const zh = (await engine.critique({ ...input, language: "zh" })).critique;
    expect(zh.summary).toMatch(han);
    expect(zh.issues.length).toBeGreaterThan(0);
    for (const issue of zh.issues) expect(issue.problem).toMatch(han);
    expect(zh.revisedPrompt).not.toMatch(han);

    const en = (await engine.critique(input)).critique;
    expect(en.summary).not.toMatch(han);
  });

  it("Claude is told the UI language in the user turn, so the cached system prompt stays the same", () => {
    expect(critiqueUserMessage({ prompt: "p", draft: "d", language: "zh" })).toContain("Simplified Chinese");
    expect(critiqueUserMessage({ prompt: "p", draft: "d" })).not.toContain("Simplified Chinese");
  });
});
