import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { critiqueSchema } from "@/lib/schemas/critique";
import { createOfflineEngine, OFFLINE_MODEL } from "./offline";
import type { RefineEvent } from "./types";

const engine = createOfflineEngine({ chunkDelayMs: 0 });

async function refine(draft: string) {
  const events: RefineEvent[] = [];
  for await (const event of engine.refine({ draft })) events.push(event);
  const done = events.at(-1);
  if (done?.type !== "done") throw new Error("refine did not finish");
  const deltas = events.flatMap((e) => (e.type === "delta" ? [e.text] : []));
  return { deltas, prompt: done.prompt, done };
}

type Shape = { left: number; top: number; width: number; height: number; colour: string };

/** Test images built from real pixels: a background, rectangles, optional noise. */
async function picture({ width = 512, height = 512, background, shapes = [] }: { width?: number; height?: number; background: string; shapes?: Shape[] }) {
  const composites = await Promise.all(
    shapes.map(async (s) => ({
      input: await sharp({ create: { width: s.width, height: s.height, channels: 3, background: s.colour } }).png().toBuffer(),
      left: s.left,
      top: s.top,
    })),
  );
  const bytes = await sharp({ create: { width, height, channels: 3, background } }).composite(composites).png().toBuffer();
  return { bytes: new Uint8Array(bytes), mediaType: "image/png" };
}

/** A row of small dark blocks on a light strip: what a line of type looks like to an edge detector. */
function typeLine({ top, colour = "#111111" }: { top: number; colour?: string }): Shape[] {
  return Array.from({ length: 14 }, (_, i) => ({ left: 60 + i * 28, top, width: 16, height: 26, colour }));
}

const bold: Shape[] = [
  { left: 156, top: 180, width: 200, height: 200, colour: "#101010" },
  { left: 206, top: 230, width: 100, height: 100, colour: "#f4f4f4" },
];

describe("Offline engine: refine", () => {
  it("expands an English draft into a labelled prompt, streamed in word chunks, the same every time", async () => {
    const draft = 'Poster for a jazz night in teal and orange, headline "Blue Notes", 4:5';
    const a = await refine(draft);
    const b = await refine(draft);
    expect(a.prompt).toBe(b.prompt);
    expect(a.deltas).toEqual(b.deltas);
    expect(a.deltas.length).toBeGreaterThan(20);
    expect(a.deltas.join("")).toBe(a.prompt);
    for (const label of ["Subject:", "Style:", "Composition:", "Lighting:", "Palette:", "Typography:", "Aspect:"]) expect(a.prompt).toContain(label);
    expect(a.prompt).toMatch(/Palette: teal and orange/);
    expect(a.prompt).toContain('headline "Blue Notes"');
    expect(a.prompt).toContain("Aspect: 4:5");
    expect(a.done.model).toBe(OFFLINE_MODEL);
    expect(a.done.usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });
  });

  it("writes Chinese labels for a Chinese draft and keeps its subject and headline as written", async () => {
    const { prompt, deltas } = await refine("中秋节海报，一轮明月挂在湖面上，金色和深蓝，标题“花好月圆”，竖版");
    for (const label of ["主体：", "风格：", "构图：", "光线：", "配色：", "文字：", "画幅："]) expect(prompt).toContain(label);
    expect(prompt).toContain("一轮明月挂在湖面上");
    expect(prompt).toContain("“花好月圆”");
    expect(prompt).toMatch(/配色：以金色、蓝色为主色/);
    expect(prompt).toContain("画幅：4:5");
    expect(prompt).not.toMatch(/Subject|Palette/);
    expect(deltas.length).toBeGreaterThan(10);
  });

  it("refuses an empty draft", async () => {
    await expect(refine("   ")).rejects.toMatchObject({ code: "empty_prompt" });
  });
});

describe("Offline engine: critique", () => {
  const prompt = "Subject: a bold geometric mark\nStyle: clean graphic poster\nComposition: centered subject\nLighting: soft, even lighting\nPalette: limited palette\nTypography: no text or lettering\nAspect: 1:1 square";

  it("scores a dark, low-contrast image below a bright, contrasted one and says why", async () => {
    const dark = await picture({ background: "#1c1c1e", shapes: [{ left: 156, top: 156, width: 200, height: 200, colour: "#262628" }] });
    const bright = await picture({ background: "#e8e4dc", shapes: bold });
    const a = await engine.critique({ image: dark, prompt, draft: "a bold geometric mark" });
    const b = await engine.critique({ image: bright, prompt, draft: "a bold geometric mark" });
    expect(critiqueSchema.safeParse(a.critique).success).toBe(true);
    expect(a.critique.aspects.colorLighting).toBeLessThan(b.critique.aspects.colorLighting - 2);
    expect(a.critique.overall).toBeLessThan(b.critique.overall);
    const ids = a.critique.issues.map((i) => i.id);
    expect(ids).toContain("too-dark");
    expect(ids).toContain("contrast-low");
    expect(b.critique.issues.map((i) => i.id)).not.toContain("too-dark");
    expect(a.critique.issues.find((i) => i.id === "contrast-low")!.fix).toContain('"high contrast, deep shadows"');
    expect(a.model).toBe(OFFLINE_MODEL);
    expect(a.usage.inputTokens).toBe(0);
  });

  it("gives the same image the same critique every time", async () => {
    const image = await picture({ background: "#3a6ea5", shapes: bold });
    const first = await engine.critique({ image, prompt, draft: "mark" });
    const second = await engine.critique({ image: { ...image, bytes: new Uint8Array(image.bytes) }, prompt, draft: "mark" });
    expect(second).toEqual(first);
  });

  it("lowers the score when the image lacks a colour the prompt names", async () => {
    const red = await picture({ background: "#c8102e", shapes: bold });
    const asksRed = await engine.critique({ image: red, prompt: prompt.replace("limited palette", "red as the dominant color"), draft: "a red mark" });
    const asksBlue = await engine.critique({ image: red, prompt: prompt.replace("limited palette", "blue as the dominant color"), draft: "a blue mark" });
    expect(asksBlue.critique.aspects.promptAdherence).toBeLessThan(asksRed.critique.aspects.promptAdherence);
    expect(asksBlue.critique.overall).toBeLessThan(asksRed.critique.overall);
    expect(asksBlue.critique.issues.map((i) => i.id)).toContain("palette-missing-blue");
    expect(asksRed.critique.issues.map((i) => i.id)).not.toContain("palette-missing-red");
    expect(asksRed.critique.strengths.join(" ")).toContain("red");
  });

  it("recognises Chinese colour words and answers in Chinese", async () => {
    const red = await picture({ background: "#c8102e", shapes: bold });
    const { critique } = await engine.critique({ image: red, prompt: "主体：几何标志\n配色：以蓝色为主色\n画幅：1:1 方形\n文字：画面中不出现文字", draft: "蓝色的几何标志" });
    const missing = critique.issues.find((i) => i.id === "palette-missing-blue");
    expect(missing?.problem).toContain("蓝色");
    expect(critique.summary).toMatch(/离线评审/);
  });

  it("looks for a plausible line of type when the prompt asks for a headline, and says it cannot read it", async () => {
    const headlinePrompt = prompt.replace("Typography: no text or lettering", 'Typography: headline "OPEN LATE" in bold sans-serif');
    const withType = await picture({ background: "#f2efe8", shapes: [...typeLine({ top: 60 }), ...bold] });
    const without = await picture({ background: "#f2efe8", shapes: bold });
    const a = await engine.critique({ image: withType, prompt: headlinePrompt, draft: "poster" });
    const b = await engine.critique({ image: without, prompt: headlinePrompt, draft: "poster" });
    expect(a.critique.issues.map((i) => i.id)).not.toContain("headline-not-visible");
    expect(b.critique.issues.map((i) => i.id)).toContain("headline-not-visible");
    expect(a.critique.aspects.typography).toBeGreaterThan(b.critique.aspects.typography);
    expect(a.critique.summary).toContain("cannot recognise objects or read text");
    expect(a.critique.summary).toContain("OPEN LATE");
  });

  it("flags an image whose shape does not match the requested aspect", async () => {
    const square = await picture({ background: "#e8e4dc", shapes: bold });
    const wide = await engine.critique({ image: square, prompt: prompt.replace("1:1 square", "16:9 widescreen"), draft: "mark" });
    const same = await engine.critique({ image: square, prompt, draft: "mark" });
    expect(wide.critique.issues.map((i) => i.id)).toContain("aspect-mismatch");
    expect(same.critique.issues.map((i) => i.id)).not.toContain("aspect-mismatch");
    expect(wide.critique.aspects.composition).toBeLessThan(same.critique.aspects.composition);
  });
});

describe("Offline engine: revise", () => {
  it("writes only the accepted fixes into the right lines of the prompt", async () => {
    const { prompt } = await refine("a bold geometric mark, teal");
    const dark = await picture({ background: "#141416", shapes: [{ left: 100, top: 100, width: 80, height: 80, colour: "#1e1e20" }] });
    const { critique } = await engine.critique({ image: dark, prompt, draft: "a bold geometric mark, teal" });
    const ids = critique.issues.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(["too-dark", "contrast-low", "palette-missing-teal"]));

    const out = await engine.revise({ prompt, draft: "a bold geometric mark, teal", critique, acceptedIssueIds: ["contrast-low", "palette-missing-teal"] });
    expect(out.prompt).not.toBe(prompt);
    expect(out.prompt).toMatch(/^Lighting: .*high contrast, deep shadows/m);
    expect(out.prompt).toMatch(/^Palette: .*large areas of bold teal/m);
    expect(out.prompt).not.toContain("bright, airy lighting");
    expect(out.model).toBe(OFFLINE_MODEL);

    const again = await engine.revise({ prompt: out.prompt, draft: "x", critique, acceptedIssueIds: ["contrast-low"] });
    expect(again.prompt).toBe(out.prompt);
  });

  it("uses the critique's revised prompt when everything is accepted, and appends to free text", async () => {
    const freeText = "a red kite over a grey beach";
    const image = await picture({ background: "#8a8a8a" });
    const { critique } = await engine.critique({ image, prompt: freeText, draft: freeText });
    const all = await engine.revise({ prompt: freeText, draft: freeText, critique });
    expect(all.prompt).toBe(critique.revisedPrompt);
    expect(all.prompt.startsWith(freeText)).toBe(true);
    expect(all.prompt.length).toBeGreaterThan(freeText.length);

    const noted = await engine.revise({ prompt: freeText, draft: freeText, critique, acceptedIssueIds: [], note: "larger headline" });
    expect(noted.prompt).toBe(`${freeText}\nNote: larger headline`);
  });

  it("takes the quoted words from an issue it did not write", async () => {
    const out = await engine.revise({
      prompt: "一只红色的风筝",
      draft: "风筝",
      critique: {
        overall: 6,
        aspects: { promptAdherence: 6, composition: 6, typography: 6, colorLighting: 6, artifacts: 6 },
        summary: "s",
        strengths: [],
        issues: [{ id: "sky-empty", aspect: "composition", severity: "low", problem: "天空太空", fix: "加入“几朵白云”" }],
        revisedPrompt: "x",
      },
      acceptedIssueIds: ["sky-empty"],
    });
    expect(out.prompt).toBe("一只红色的风筝，几朵白云");
  });
});
