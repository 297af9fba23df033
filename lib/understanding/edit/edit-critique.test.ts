import Anthropic from "@anthropic-ai/sdk";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicFake, type AnthropicFake } from "@/tests/support/fakes/anthropic";
import { LoupeError } from "@/lib/errors";
import { critiqueSchema } from "@/lib/schemas/critique";
import type { ReferenceRole } from "@/lib/schemas/edit";
import { flatColour, headlineRect, inputImage, paintedMask } from "@/tests/support/edit-images";
import { createClaudeEngine } from "../claude";
import { createOfflineEngine, OFFLINE_MODEL } from "../offline";
import type { CritiqueImage } from "../types";
import { EDIT_LABELS } from "./claude-edit";
import { describeMoodboard } from "./moodboard-words";

/**
 * The critique of an edit (does the painted region show what was asked, did anything outside it
 * change) and of a render with a moodboard (each reference by its role), on both engines: Claude
 * through the real SDK against the Messages fake, in one request with labelled images; Offline
 * from a real pixel diff and pixel measures.
 */
const KEY = "sk-ant-test-edit-critique";
let fake: AnthropicFake;
beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: KEY });
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const claude = () => createClaudeEngine({ apiKey: KEY, baseURL: fake.url, auth: "bearer", refineModel: "claude-haiku-5-5", critiqueModel: "claude-sonnet-5-5", timeoutMs: 10_000, maxRetries: 0 });
const offline = () => createOfflineEngine({ chunkDelayMs: 0 });
const png = (bytes: Uint8Array | Buffer): CritiqueImage => ({ bytes: new Uint8Array(bytes), mediaType: "image/png" });
const rect = headlineRect();

/** The input with a green block painted over the headline bar, and optionally a change elsewhere too. */
async function edited({ outside = false, inside = true } = {}): Promise<Uint8Array> {
  const layers = [
    ...(inside ? [{ input: { create: { width: rect.w - 20, height: rect.h - 20, channels: 3 as const, background: "#2d6a4f" } }, left: rect.x + 10, top: rect.y + 10 }] : []),
    ...(outside ? [{ input: { create: { width: 120, height: 80, channels: 3 as const, background: "#ffffff" } }, left: 20, top: 400 }] : []),
  ];
  return new Uint8Array(await sharp(Buffer.from(await inputImage())).composite(layers).png().toBuffer());
}

async function editInput(after: Uint8Array) {
  return { image: png(after), prompt: 'headline "WINTER DEALS"', draft: "new headline", edit: { before: png(await inputImage()), mask: png(await paintedMask({ rect })) } };
}

type Sent = { content: Array<{ type: string; text?: string; source?: { data: string } }> };
const sentContent = () => ((fake.requests.at(-1)!.body as { messages: Sent[] }).messages[0]!.content);
const labels = () => sentContent().flatMap((block, i, all) => (block.type === "image" ? [all[i - 1]?.text] : []));

describe("Claude: the critique of an edit", () => {
  it("sends Before, Mask and After as labelled image blocks in one request and reads the region verdict", async () => {
    const result = await claude().critique(await editInput(await edited()));
    expect(fake.requests).toHaveLength(1);
    expect(labels()).toEqual([EDIT_LABELS.before, EDIT_LABELS.mask, EDIT_LABELS.after]);
    // The canvas-style mask (opaque on transparent) reaches Claude as white on black.
    const maskBlock = sentContent().filter((b) => b.type === "image")[1]!;
    const { data, info } = await sharp(Buffer.from(maskBlock.source!.data, "base64")).raw().toBuffer({ resolveWithObject: true });
    expect(data[((rect.y + 10) * info.width + rect.x + 10) * info.channels]).toBe(255);
    expect(data[(450 * info.width + 400) * info.channels]).toBe(0);
    const schema = (fake.requests.at(-1)!.body as { output_config: { format: { schema: { properties: Record<string, unknown>; required: string[] } } } }).output_config.format.schema;
    expect(schema.required).toContain("region");
    expect(result.critique.region).toEqual({ followed: true, outsideChanged: false, notes: "In the painted region 79% of the pixels changed, showing new content. Outside it nothing changed." });
    expect(critiqueSchema.safeParse(result.critique).success).toBe(true);
  });

  it("reads a change outside the region from what it was sent", async () => {
    const result = await claude().critique(await editInput(await edited({ outside: true })));
    expect(result.critique.region).toMatchObject({ followed: true, outsideChanged: true });
  });

  it("refuses an answer that leaves out the region, and the fake refuses an edit sent without its labels", async () => {
    const plain = { overall: 7, aspects: { promptAdherence: 7, composition: 7, typography: 7, colorLighting: 7, artifacts: 7 }, summary: "Fine.", strengths: [], issues: [], revisedPrompt: "x" };
    fake.answerNext({ text: JSON.stringify(plain) });
    const error = await claude().critique(await editInput(await edited())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).message).toBe("Claude's critique of the edit left out the painted region.");
    const client = new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
    const data = Buffer.from(await edited()).toString("base64");
    const unlabelled = client.messages.create({
      model: "claude-sonnet-5-5",
      max_tokens: 512,
      messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data } }, { type: "text", text: "critique" }] }],
      output_config: { format: { type: "json_schema", schema: { type: "object", additionalProperties: false, properties: { region: { type: "object", additionalProperties: false, properties: {} } }, required: ["region"] } } },
    });
    await expect(unlabelled).rejects.toMatchObject({ status: 400, message: expect.stringContaining("the render must be an image block right after the text block") });
  });
});

describe("Offline: the critique of an edit, from a pixel diff", () => {
  it("sees the region changed and nothing else, labelled Offline", async () => {
    const result = await offline().critique(await editInput(await edited()));
    expect(result.model).toBe(OFFLINE_MODEL);
    expect(result.critique.region).toMatchObject({ followed: true, outsideChanged: false });
    expect(result.critique.region!.notes).toMatch(/^\d+% of the painted region's pixels changed\. Offline compares pixels only/);
    expect(result.critique.issues.map((i) => i.id)).not.toContain("outside-changed");
  });

  it("finds a change outside the region, says where, and makes it an artifacts issue", async () => {
    const clean = await offline().critique(await editInput(await edited()));
    const result = await offline().critique(await editInput(await edited({ outside: true })));
    expect(result.critique.region!.outsideChanged).toBe(true);
    expect(result.critique.region!.notes).toMatch(/Outside the region \d\.\d% of the pixels changed \(by up to \d+\/255, within x 20–140, y 400–480\)\./);
    expect(result.critique.issues[0]).toMatchObject({ id: "outside-changed", aspect: "artifacts", severity: "high" });
    expect(result.critique.aspects.artifacts).toBeLessThan(clean.critique.aspects.artifacts);
  });

  it("sees a region that did not change", async () => {
    const result = await offline().critique(await editInput(await edited({ inside: false })));
    expect(result.critique.region).toMatchObject({ followed: false, outsideChanged: false });
    expect(result.critique.issues[0]).toMatchObject({ id: "region-unchanged", aspect: "promptAdherence" });
    expect(result.critique.aspects.promptAdherence).toBeLessThanOrEqual(4);
  });
});

describe("the critique compares the render with each moodboard reference by its role", () => {
  const moodboard = async () => {
    const render = await inputImage();
    const samePalette = new Uint8Array(await sharp(Buffer.from(render)).resize(200, 200).blur(20).png().toBuffer());
    const mirrored = new Uint8Array(await sharp(Buffer.from(render)).flip().png().toBuffer());
    const references: Array<{ image: CritiqueImage; role: ReferenceRole }> = [
      { image: png(samePalette), role: "palette" },
      { image: png(await flatColour({ colour: "#7b2cbf" })), role: "palette" },
      { image: png(render), role: "composition" },
      { image: png(mirrored), role: "composition" },
      { image: png(await flatColour({ colour: "#101010" })), role: "style" },
      { image: png(await flatColour({ colour: "#ff00aa" })), role: "subject" },
    ];
    return { image: png(render), prompt: "a warm poster", draft: "warm poster", references };
  };

  it("Offline: palette by shared colours, composition by layout, style by tone; honest about subjects", async () => {
    const result = await offline().critique(await moodboard());
    const verdicts = result.critique.references!;
    expect(verdicts.map((v) => `${v.index}:${v.role}`)).toEqual(["1:palette", "2:palette", "3:composition", "4:composition", "5:style", "6:subject"]);
    expect(verdicts[0]!.score).toBeGreaterThan(verdicts[1]!.score + 3);
    expect(verdicts[2]!.score).toBeGreaterThan(9);
    expect(verdicts[2]!.score).toBeGreaterThan(verdicts[3]!.score + 2);
    expect(verdicts[1]!.notes).toMatch(/missing purple/);
    expect(verdicts[5]!.notes).toBe("Offline cannot recognise what is depicted: this compares colours and where the weight sits.");
    expect(result.critique.summary).toMatch(/Against the moodboard: \d+(\.\d)?\/10 on average\.$/);
  });

  it("Claude: each reference as a labelled image block, one verdict per reference with the designer's roles", async () => {
    const input = await moodboard();
    const result = await claude().critique({ ...input, references: input.references.slice(0, 3) });
    expect(labels()).toEqual(["Reference 1 of 3 — palette:", "Reference 2 of 3 — palette:", "Reference 3 of 3 — composition:", "The render to critique:"]);
    expect(result.critique.references!.map((v) => [v.index, v.role])).toEqual([[1, "palette"], [2, "palette"], [3, "composition"]]);
    expect(result.critique.references![0]!.score).toBeGreaterThan(result.critique.references![1]!.score);
  });
});

describe("a moodboard in words", () => {
  it("takes from each reference's description only what its role names", () => {
    const base = { subject: "a lighthouse", style: "flat risograph print", palette: ["Teal", "coral"], composition: "subject on the left third", text: "", summary: "s" };
    const words = describeMoodboard({
      references: [
        { role: "style", description: base },
        { role: "palette", description: { ...base, palette: ["deep navy", "teal"] } },
        { role: "palette", description: base },
        { role: "composition", description: { ...base, composition: "wide, low horizon." } },
      ],
    });
    expect(words).toBe("style: flat risograph print; palette: deep navy, teal, coral; composition: wide, low horizon");
  });
});
