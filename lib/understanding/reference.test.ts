import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { referenceDescriptionSchema } from "@/lib/schemas/reference";
import { createOfflineEngine } from "./offline";

const engine = createOfflineEngine({ chunkDelayMs: 0 });

async function flat({ colour, width = 400, height = 300 }: { colour: string; width?: number; height?: number }) {
  const bytes = await sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><rect x="40" y="40" width="120" height="90" fill="#f4d03f"/></svg>`), top: 0, left: 0 }])
    .png()
    .toBuffer();
  return { bytes: new Uint8Array(bytes), mediaType: "image/png" };
}

describe("Offline engine: reference images", () => {
  it("describes palette, light and layout from the pixels, and says it cannot name the subject", async () => {
    const { description, usage } = await engine.describe({ image: await flat({ colour: "#1f4e9c" }) });
    expect(referenceDescriptionSchema.parse(description)).toEqual(description);
    expect(description.palette).toContain("blue");
    expect(description.composition).toMatch(/^landscape frame \(400×300\)/);
    expect(description.subject).toMatch(/not identified/);
    expect(usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });
    // Deterministic: the same image gives the same description.
    expect((await engine.describe({ image: await flat({ colour: "#1f4e9c" }) })).description).toEqual(description);
  });

  it("compares a render with the reference and turns a missing colour into a fix", async () => {
    const reference = await flat({ colour: "#1f4e9c" });
    const { description } = await engine.describe({ image: reference });
    const render = await flat({ colour: "#c0392b" });
    const prompt = "a poster with a yellow square";
    const without = await engine.critique({ image: render, prompt, draft: prompt });
    const { critique } = await engine.critique({ image: render, prompt, draft: prompt, reference: { image: reference, description } });
    expect(critique.summary).toMatch(/Against the reference: .*missing blue/);
    const issue = critique.issues.find((i) => i.id === "reference-palette");
    expect(issue?.fix).toBe('Add "blue like the reference".');
    expect(critique.aspects.colorLighting).toBeLessThan(without.critique.aspects.colorLighting);
    expect(critique.revisedPrompt).toContain("blue like the reference");
  });
});
