import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicFake, type AnthropicFake } from "@/tests/support/fakes/anthropic";
import { LoupeError } from "@/lib/errors";
import type { Critique } from "@/lib/schemas/critique";
import { draftSetSchema } from "@/lib/schemas/exploration";
import { modelNotesSchema, type ModelNotes } from "@/lib/schemas/model-notes";
import { createClaudeEngine } from "../claude";
import type { UnderstandingEngine } from "../types";
import { nearDuplicate } from "./distinct";

/** The exploration calls on Claude, through the real SDK at the fake, whose answers derive from what it is sent. */
const KEY = "sk-ant-explore";
let fake: AnthropicFake;
let engine: UnderstandingEngine;

beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: KEY });
  engine = createClaudeEngine({ apiKey: KEY, baseURL: fake.url, auth: "bearer", refineModel: "claude-haiku-5-5", critiqueModel: "claude-sonnet-5-5", timeoutMs: 20_000, maxRetries: 0 });
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const PROMPT = 'Poster for a ceramics fair, terracotta vase on cream, headline "Kiln"';
const critique: Critique = {
  overall: 6.2,
  aspects: { promptAdherence: 6, composition: 6, typography: 4.5, colorLighting: 7, artifacts: 8 },
  summary: "The vase reads, but the headline is tiny and the top is crowded.",
  strengths: ["The terracotta is right."],
  issues: [
    { id: "headline-small", aspect: "typography", severity: "high", problem: "The headline is tiny.", fix: 'Add "large bold serif headline".' },
    { id: "crowded-top", aspect: "composition", severity: "medium", problem: "The top third is crowded.", fix: 'Add "more empty space at the top".' },
    { id: "dull-cream", aspect: "colorLighting", severity: "low", problem: "The cream reads grey.", fix: 'Add "warm cream background".' },
  ],
  revisedPrompt: `${PROMPT}, large bold serif headline, more empty space at the top, warm cream background`,
};
const notes: ModelNotes = {
  providerId: "fal",
  model: "fal-ai/flux/dev",
  notes: [
    { id: "drops-quoted-text", kind: "quoted-text", behaviour: "leaves quoted text out", advice: 'Put the headline first with "bold type on a plain band"', evidence: [{ round: 1, prompt: '"Kiln"', observed: "no headline" }], confidence: "medium", source: "claude" },
    { id: "my-own-note", kind: "colour", behaviour: "muddies cream into grey", advice: "Say warm ivory instead of cream", evidence: [], confidence: "high", source: "designer" },
  ],
};

async function png(colour: string, size = 384) {
  const bytes = await sharp({ create: { width: size, height: size, channels: 3, background: colour } })
    .composite([{ input: Buffer.from(`<svg width="${size}" height="${size}"><rect x="${size / 4}" y="${size / 4}" width="${size / 2}" height="${size / 2}" fill="#ffffff" opacity="0.6"/></svg>`) }])
    .png()
    .toBuffer();
  return { bytes: new Uint8Array(bytes), mediaType: "image/png" };
}

const explorationRequests = () => fake.requests.filter((r) => r.path === "/v1/messages");

describe("Claude: k distinct drafts in one call", () => {
  it("writes three different prompts, each saying which fixes it takes, with the notes' advice in every one", async () => {
    const out = await engine.writeDrafts({ prompt: PROMPT, draft: "ceramics fair poster, headline Kiln", critique, k: 3, notes, style: "keywords" });
    expect(explorationRequests()).toHaveLength(1);
    expect(explorationRequests()[0]!.kind).toBe("drafts");
    expect(draftSetSchema.safeParse(out.drafts).success).toBe(true);
    expect(out.drafts.map((d) => d.label)).toEqual(["A", "B", "C"]);
    expect(out.drafts.map((d) => d.takes)).toEqual([["headline-small", "crowded-top", "dull-cream"], ["headline-small"], ["crowded-top", "dull-cream"]]);
    for (const draft of out.drafts) {
      expect(draft.prompt).toContain('"Kiln"');
      expect(draft.prompt).toContain("bold type on a plain band");
      expect(draft.reading.length).toBeGreaterThan(5);
      expect(draft.source).toBe("claude");
    }
    const prompts = out.drafts.map((d) => d.prompt);
    expect(nearDuplicate(prompts[0]!, prompts[1]!, PROMPT)).toBe(false);
    expect(nearDuplicate(prompts[1]!, prompts[2]!, PROMPT)).toBe(false);
    expect(out.repaired).toEqual([]);
    expect(out.usage.inputTokens).toBeGreaterThan(4096);
  });

  it("replaces a draft that repeats another with a deterministic variant, and says so", async () => {
    const same = `${PROMPT}, large bold serif headline`;
    fake.answerNext({ kind: "drafts", text: JSON.stringify({ drafts: [{ prompt: same, takes: ["headline-small"], reading: "Bigger type." }, { prompt: `${same}.`, takes: ["headline-small"], reading: "Bigger type again." }, { prompt: `${PROMPT}, more empty space at the top`, takes: ["crowded-top"], reading: "Room at the top." }] }) });
    const out = await engine.writeDrafts({ prompt: PROMPT, draft: "ceramics fair poster", critique, k: 3 });
    expect(out.drafts).toHaveLength(3);
    expect(out.repaired).toEqual(["C"]);
    expect(out.drafts[2]!.source).toBe("repaired");
    expect(out.drafts[2]!.reading).toMatch(/repeated another/);
    const prompts = out.drafts.map((d) => d.prompt);
    for (let i = 0; i < prompts.length; i++) for (let j = i + 1; j < prompts.length; j++) expect(nearDuplicate(prompts[i]!, prompts[j]!, PROMPT)).toBe(false);
  });

  it("keeps today's revision for k = 1: the same call revise() makes", async () => {
    const one = await engine.writeDrafts({ prompt: PROMPT, draft: "poster", critique, acceptedIssueIds: ["headline-small"], k: 1 });
    const revised = await engine.revise({ prompt: PROMPT, draft: "poster", critique, acceptedIssueIds: ["headline-small"] });
    expect(one.drafts).toHaveLength(1);
    expect(one.drafts[0]!.prompt).toBe(revised.prompt);
    expect(explorationRequests().map((r) => r.kind)).toEqual(["revise", "revise"]);
  });

  it("writes readings of the brief when there is no critique yet", async () => {
    const out = await engine.writeDrafts({ prompt: PROMPT, draft: "poster", k: 3, style: "natural-paragraphs" });
    expect(out.drafts).toHaveLength(3);
    expect(out.drafts.every((d) => d.takes.length === 0)).toBe(true);
    expect(new Set(out.drafts.map((d) => d.reading)).size).toBe(3);
  });
});

describe("Claude: the comparative pick", () => {
  it("sees the round's renders labelled, beside the draft and the best so far, and picks with reasons", async () => {
    const out = await engine.pickBest({
      draft: "a bright, airy poster",
      candidates: [
        { image: await png("#151515"), prompt: "A: dark" },
        { image: await png("#c8c8c8"), prompt: "B: light" },
        { image: await png("#606060"), prompt: "C: mid" },
      ],
      best: { image: await png("#404040"), prompt: "earlier best" },
    });
    const body = explorationRequests()[0]!.body as { messages: Array<{ content: Array<{ type: string; text?: string }> }> };
    const blocks = body.messages[0]!.content;
    // The best so far first, then A, B, C, each text block before its image.
    const labels = blocks.filter((b) => b.type === "text" && /<(best_so_far|candidate)/.test(b.text ?? "")).map((b) => /label="(\w)"/.exec(b.text!)?.[1] ?? "best");
    expect(labels).toEqual(["best", "A", "B", "C"]);
    expect(blocks.filter((b) => b.type === "image")).toHaveLength(4);
    expect(out.pick.winner).toBe("B");
    expect(out.winnerIndex).toBe(1);
    expect(out.pick.reasons[0]).toMatch(/B sits closer/);
    expect(out.pick.perImage.map((p) => p.label)).toEqual(["A", "B", "C"]);
    expect(out.pick.beatsBest).toBe(true);
    expect(out.pick.versusBest).toMatch(/best so far/);
    expect(out.model).toBe("claude-sonnet-5-5");
  });

  it("refuses an answer naming a render that was not shown", async () => {
    fake.answerNext({ kind: "pick", text: JSON.stringify({ winner: "D", reasons: ["x"], perImage: [], beatsBest: true, versusBest: "" }) });
    const error = await engine.pickBest({ draft: "d", candidates: [{ image: await png("#333333"), prompt: "a" }, { image: await png("#999999"), prompt: "b" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).message).toMatch(/not a pick/);
  });
});

describe("Claude: model notes", () => {
  it("writes notes from the round's prompts and critiques, keeps the designer's, and raises confidence as rounds repeat", async () => {
    const attempts = [{ prompt: PROMPT, critique }];
    const first = await engine.writeModelNotes({ notes, draft: "poster", attempts, round: 2 });
    expect(modelNotesSchema.safeParse(first.notes).success).toBe(true);
    expect(first.notes.notes.find((n) => n.id === "my-own-note")).toEqual(notes.notes[1]);
    const small = first.notes.notes.find((n) => n.id === "quoted-text-small")!;
    expect(small.kind).toBe("quoted-text");
    expect(small.evidence[0]).toMatchObject({ round: 2, observed: "The headline is tiny." });
    expect(small.source).toBe("claude");
    const again = await engine.writeModelNotes({ notes: first.notes, draft: "poster", attempts, round: 3 });
    expect(again.notes.notes.find((n) => n.id === "quoted-text-small")!.confidence).toBe("medium");
    const third = await engine.writeModelNotes({ notes: again.notes, draft: "poster", attempts, round: 4 });
    expect(third.notes.notes.find((n) => n.id === "quoted-text-small")!.confidence).toBe("high");
  });
});

describe("Claude: the round review, one call after the critiques", () => {
  it("picks, updates the notes and writes the next drafts from the best image with those notes", async () => {
    const out = await engine.reviewRound({
      draft: "a bright, airy poster",
      round: 2,
      nextDrafts: 3,
      notes,
      style: "keywords",
      candidates: [
        { image: await png("#151515"), prompt: "Dark poster", critique },
        { image: await png("#d0d0d0"), prompt: "Light poster", critique },
      ],
    });
    expect(explorationRequests()).toHaveLength(1);
    expect(explorationRequests()[0]!.kind).toBe("review");
    expect(out.pick.winner).toBe("B");
    expect(out.notes.notes.some((n) => n.id === "quoted-text-small")).toBe(true);
    expect(out.drafts).toHaveLength(3);
    // Written from B's prompt, with the updated notes' advice.
    for (const draft of out.drafts) {
      expect(draft.prompt.startsWith("Light poster")).toBe(true);
      expect(draft.prompt).toContain("large bold type, high contrast");
    }
    expect(out.usage.inputTokens).toBeGreaterThan(0);
  });
});
