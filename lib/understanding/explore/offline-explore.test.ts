import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { draftSetSchema } from "@/lib/schemas/exploration";
import { modelNotesSchema, type ModelNotes } from "@/lib/schemas/model-notes";
import { createOfflineEngine } from "../offline";
import { nearDuplicate } from "./distinct";

/** The Offline engine's exploration: deterministic drafts, a pairwise pick on pixel metrics, notes from measurements. */
const engine = createOfflineEngine({ chunkDelayMs: 0 });
const empty: ModelNotes = { providerId: "local", model: "poster-v1", notes: [] };

async function png(colour: string, { size = 256, band = false }: { size?: number; band?: boolean } = {}) {
  let image = sharp({ create: { width: size, height: size, channels: 3, background: colour } });
  if (band) {
    const stripes = Array.from({ length: 24 }, (_, i) => `<rect x="${20 + i * 9}" y="110" width="4" height="36" fill="#000"/>`).join("");
    image = image.composite([{ input: Buffer.from(`<svg width="${size}" height="${size}"><rect x="0" y="100" width="${size}" height="56" fill="#fff"/>${stripes}</svg>`) }]);
  }
  return { bytes: new Uint8Array(await image.png().toBuffer()), mediaType: "image/png" };
}

describe("Offline: k distinct drafts", () => {
  it("splits the critique's fixes between drafts, says which each takes, and is deterministic", async () => {
    const prompt = (await collectPrompt('Poster of a lighthouse at dusk, orange and teal, headline "Harbour"'))!;
    const { critique } = await engine.critique({ image: await png("#0a0a0a"), prompt, draft: "lighthouse poster" });
    expect(critique.issues.length).toBeGreaterThanOrEqual(2);
    const input = { prompt, draft: "lighthouse poster", critique, k: 3 } as const;
    const out = await engine.writeDrafts(input);
    expect(draftSetSchema.safeParse(out.drafts).success).toBe(true);
    expect(out.drafts).toHaveLength(3);
    const ids = critique.issues.map((i) => i.id);
    expect(out.drafts[0]!.takes).toEqual(ids);
    expect(out.drafts[1]!.takes).toEqual([ids[0]]);
    // The third takes a different share of the rest (a set nearly equal to draft A's is skipped as a repeat).
    expect(out.drafts[2]!.takes).not.toContain(ids[0]);
    expect(out.drafts[2]!.takes.length).toBeGreaterThan(0);
    expect(out.drafts[2]!.takes.length).toBeLessThan(ids.length);
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(nearDuplicate(out.drafts[i]!.prompt, out.drafts[j]!.prompt, prompt)).toBe(false);
    expect(out.drafts.every((d) => d.source === "offline" && d.reading.length > 0)).toBe(true);
    expect((await engine.writeDrafts(input)).drafts).toEqual(out.drafts);
  });

  it("k = 1 is today's revision", async () => {
    const prompt = "A red kite over green hills";
    const { critique } = await engine.critique({ image: await png("#050505"), prompt, draft: "kite" });
    const one = await engine.writeDrafts({ prompt, draft: "kite", critique, k: 1 });
    expect(one.drafts[0]!.prompt).toBe((await engine.revise({ prompt, draft: "kite", critique })).prompt);
  });

  it("without a critique, writes readings of the brief (composition, light, palette)", async () => {
    const out = await engine.writeDrafts({ prompt: "A red kite over green hills", draft: "kite", k: 4 });
    expect(out.drafts).toHaveLength(4);
    expect(out.drafts[0]!.prompt).toBe("A red kite over green hills");
    expect(out.drafts.slice(1).map((d) => d.reading)).toEqual(["Bets on a different composition.", "Bets on a different light.", "Bets on a bolder palette."]);
  });

  it("writes the model notes' advice into every draft and follows the prompt style", async () => {
    const notes: ModelNotes = { ...empty, notes: [{ id: "quoted-text-not-set", kind: "quoted-text", behaviour: "doesn't set quoted text", advice: 'Add "larger headline, high contrast text"', evidence: [], confidence: "medium", source: "offline" }] };
    const prompt = (await collectPrompt('Poster, headline "Kiln"'))!;
    const plain = await engine.writeDrafts({ prompt, draft: "poster", k: 2 });
    const noted = await engine.writeDrafts({ prompt, draft: "poster", k: 2, notes });
    expect(plain.drafts[0]!.prompt).not.toContain("larger headline, high contrast text");
    for (const draft of noted.drafts) expect(draft.prompt).toContain("larger headline, high contrast text");
    const sentences = await engine.writeDrafts({ prompt, draft: "poster", k: 1 + 1, style: "natural-paragraphs" });
    expect(sentences.drafts[0]!.prompt).not.toMatch(/^Subject:/m);
    expect(sentences.drafts[0]!.prompt).toMatch(/\.$/);
  });
});

describe("Offline: the comparative pick", () => {
  it("compares every pair on the offline aspects and names the measurements behind the winner", async () => {
    const draft = "a bright, airy poster";
    const candidates = [
      { image: await png("#101010"), prompt: "a bright, airy poster" },
      { image: await png("#d9d2c0"), prompt: "a bright, airy poster" },
      { image: await png("#2a2a2a"), prompt: "a bright, airy poster" },
    ];
    const out = await engine.pickBest({ draft, candidates });
    expect(out.pick.winner).toBe("B");
    expect(out.winnerIndex).toBe(1);
    expect(out.pick.reasons).toHaveLength(2);
    expect(out.pick.reasons[0]).toMatch(/^B beats A on .*brightness \d+% vs \d+%/);
    expect(out.pick.perImage.map((p) => p.label)).toEqual(["A", "B", "C"]);
    expect(out.pick.beatsBest).toBe(true);
    expect(await engine.pickBest({ draft, candidates })).toEqual(out);

    const against = await engine.pickBest({ draft, candidates: [candidates[0]!, candidates[2]!], best: candidates[1] });
    expect(against.pick.beatsBest).toBe(false);
    expect(against.pick.versusBest).toMatch(/the best so far beats/);
  });
});

describe("Offline: model notes from the critiques' measurements", () => {
  it("a headline repeatedly not found becomes “doesn't set quoted text”, more confident each round; a contradicting round lowers it", async () => {
    const prompt = 'Poster of a harbour at dusk, headline "Harbour Lights"';
    const blank = await png("#3a6f9a");
    const attempt = async () => ({ prompt, critique: (await engine.critique({ image: blank, prompt, draft: prompt })).critique });
    expect((await attempt()).critique.issues.map((i) => i.id)).toContain("headline-not-visible");

    const round1 = await engine.writeModelNotes({ notes: empty, draft: prompt, attempts: [await attempt()], round: 1 });
    const note = round1.notes.notes.find((n) => n.id === "quoted-text-not-set")!;
    expect(note).toMatchObject({ kind: "quoted-text", confidence: "low", source: "offline" });
    expect(note.behaviour).toMatch(/doesn't set quoted text/);
    expect(note.evidence[0]!.prompt).toContain('"Harbour Lights"');
    expect(modelNotesSchema.safeParse(round1.notes).success).toBe(true);

    const round2 = await engine.writeModelNotes({ notes: round1.notes, draft: prompt, attempts: [await attempt()], round: 2 });
    expect(round2.notes.notes.find((n) => n.id === "quoted-text-not-set")!.confidence).toBe("medium");
    const round3 = await engine.writeModelNotes({ notes: round2.notes, draft: prompt, attempts: [await attempt()], round: 3 });
    expect(round3.notes.notes.find((n) => n.id === "quoted-text-not-set")!.confidence).toBe("high");

    // A render with a clear line of type: the headline was set this time.
    const withType = await png("#3a6f9a", { band: true });
    const set = (await engine.critique({ image: withType, prompt, draft: prompt })).critique;
    expect(set.issues.map((i) => i.id)).not.toContain("headline-not-visible");
    const round4 = await engine.writeModelNotes({ notes: round3.notes, draft: prompt, attempts: [{ prompt, critique: set }], round: 4 });
    expect(round4.notes.notes.find((n) => n.id === "quoted-text-not-set")!.confidence).toBe("medium");
  });

  it("keeps the designer's notes as written", async () => {
    const mine: ModelNotes = { ...empty, notes: [{ id: "quoted-text-not-set", kind: "quoted-text", behaviour: "my words", advice: "my advice", evidence: [], confidence: "high", source: "designer" }] };
    const prompt = 'Poster, headline "Kiln"';
    const critique = (await engine.critique({ image: await png("#3a6f9a"), prompt, draft: prompt })).critique;
    const out = await engine.writeModelNotes({ notes: mine, draft: prompt, attempts: [{ prompt, critique }], round: 1 });
    expect(out.notes.notes).toContainEqual(mine.notes[0]);
  });

  it("a round review picks, notes and writes the next drafts from the best, with the new notes in them", async () => {
    const prompt = 'Poster of a harbour at dusk, headline "Harbour Lights"';
    const image = await png("#3a6f9a");
    const critique = (await engine.critique({ image, prompt, draft: prompt })).critique;
    const out = await engine.reviewRound({ draft: prompt, round: 1, nextDrafts: 3, notes: empty, candidates: [{ image, prompt, critique }, { image: await png("#0c0c0c"), prompt, critique }] });
    expect(out.notes.notes.map((n) => n.id)).toContain("quoted-text-not-set");
    expect(out.drafts).toHaveLength(3);
    for (const draft of out.drafts) expect(draft.prompt).toContain("larger headline, high contrast text");
  });
});

async function collectPrompt(draft: string): Promise<string | undefined> {
  for await (const event of engine.refine({ draft })) if (event.type === "done") return event.prompt;
  return undefined;
}
