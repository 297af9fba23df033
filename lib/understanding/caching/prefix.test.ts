import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicFake, type AnthropicFake } from "@/tests/support/fakes/anthropic";
import { estimateTokens } from "@/tests/support/fakes/anthropic-cache";
import type { Critique, Usage } from "@/lib/schemas/critique";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import { createClaudeEngine } from "../claude";
import { DRAFTS_SYSTEM_PROMPT, NOTES_SYSTEM_PROMPT, PICK_SYSTEM_PROMPT, REVIEW_SYSTEM_PROMPT } from "../explore/prompts";
import { CRITIQUE_SYSTEM_PROMPT, REFINE_SYSTEM_PROMPT, REVISE_SYSTEM_PROMPT } from "../prompts";
import type { UnderstandingEngine } from "../types";
import { HANDBOOK } from "./handbook";
import { minCacheableTokens } from "@/lib/schemas/claude-cache-minimums";
import { textTokens } from "@/lib/schemas/claude-image-tokens";

/**
 * Every prompt builder, through the real SDK at the fake (each model's own cache minimum): the
 * stable prefix is byte-identical from call to call, the breakpoints close the stable parts and
 * never the volatile ones, and the prefix is longer than the model caches.
 */
const KEY = "sk-ant-prefix";
const REFINE_MODEL = "claude-haiku-5-5";
const CRITIQUE_MODEL = "claude-sonnet-5-5";
let fake: AnthropicFake;
let engine: UnderstandingEngine;

beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: KEY });
  engine = createClaudeEngine({ apiKey: KEY, baseURL: fake.url, auth: "bearer", refineModel: REFINE_MODEL, critiqueModel: CRITIQUE_MODEL, timeoutMs: 20_000, maxRetries: 0 });
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const notes: ModelNotes = {
  providerId: "openai",
  model: "gpt-image-1",
  notes: [{ id: "quoted-text-small", kind: "quoted-text", behaviour: "sets quoted text too small", advice: 'Add "large bold type"', evidence: [{ round: 1, prompt: '"Kiln"', observed: "tiny headline" }], confidence: "low", source: "claude" }],
};

const critique = (prompt: string): Critique => ({
  overall: 6,
  aspects: { promptAdherence: 6, composition: 6, typography: 5, colorLighting: 7, artifacts: 8 },
  summary: "Readable but the headline is small.",
  strengths: ["The palette is right."],
  issues: [
    { id: "headline-small", aspect: "typography", severity: "high", problem: "The headline is tiny.", fix: 'Add "large bold headline".' },
    { id: "crowded-top", aspect: "composition", severity: "medium", problem: "The top is crowded.", fix: 'Add "more empty space at the top".' },
  ],
  revisedPrompt: `${prompt}, large bold headline, more empty space at the top`,
});

async function png(colour: string, size = 512) {
  return { bytes: new Uint8Array(await sharp({ create: { width: size, height: size, channels: 3, background: colour } }).png().toBuffer()), mediaType: "image/png" };
}

type Body = { model: string; system: Array<{ text: string; cache_control?: unknown }>; messages: Array<{ content: Array<Record<string, unknown>> }> };
type Call = { task: string; model: string; run: (variant: number) => Promise<Usage> };

const calls: Record<string, Call> = {
  refine: {
    task: REFINE_SYSTEM_PROMPT,
    model: REFINE_MODEL,
    run: async (v) => {
      let usage: Usage | undefined;
      for await (const event of engine.refine({ draft: `a ceramics poster ${v}`, style: "quoted-text", notes })) if (event.type === "done") usage = event.usage;
      return usage!;
    },
  },
  revise: { task: REVISE_SYSTEM_PROMPT, model: REFINE_MODEL, run: async (v) => usageOf(engine.revise({ prompt: `poster ${v}`, draft: "poster", critique: critique(`poster ${v}`), acceptedIssueIds: ["headline-small"], notes, style: "natural-paragraphs" })) },
  critique: { task: CRITIQUE_SYSTEM_PROMPT, model: CRITIQUE_MODEL, run: async (v) => usageOf(engine.critique({ image: await png(v ? "#203040" : "#a0b0c0"), prompt: `poster ${v}`, draft: "poster", notes, style: "quoted-text" })) },
  drafts: { task: DRAFTS_SYSTEM_PROMPT, model: REFINE_MODEL, run: (v) => usageOf(engine.writeDrafts({ prompt: `poster ${v}`, draft: "poster", critique: critique(`poster ${v}`), k: 3, notes, style: "keywords" })) },
  pick: {
    task: PICK_SYSTEM_PROMPT,
    model: CRITIQUE_MODEL,
    run: async (v) => usageOf(engine.pickBest({ draft: "poster", notes, candidates: [{ image: await png("#202020"), prompt: `a ${v}` }, { image: await png("#808080"), prompt: `b ${v}` }] })),
  },
  notes: { task: NOTES_SYSTEM_PROMPT, model: REFINE_MODEL, run: (v) => usageOf(engine.writeModelNotes({ notes, draft: "poster", round: v, attempts: [{ prompt: `poster ${v}`, critique: critique("poster") }] })) },
  review: {
    task: REVIEW_SYSTEM_PROMPT,
    model: CRITIQUE_MODEL,
    run: async (v) =>
      usageOf(engine.reviewRound({ draft: "poster", notes, round: v + 1, nextDrafts: 2, candidates: [{ image: await png("#202020"), prompt: `a ${v}`, critique: critique("a") }, { image: await png("#909090"), prompt: `b ${v}`, critique: critique("b") }] })),
  },
};

const usageOf = async (out: Promise<{ usage: Usage }>) => (await out).usage;

/** The blocks up to and including the last breakpoint, and what follows it. */
function split(body: Body) {
  const content = body.messages[0]!.content;
  const last = content.map((b) => "cache_control" in b).lastIndexOf(true);
  return { stable: content.slice(0, last + 1), volatile: content.slice(last + 1) };
}

describe("prompt builders: a long stable prefix, then the call", () => {
  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: handbook and task first, each a breakpoint, byte-identical across calls; notes closed by a breakpoint; the call's own parts last and unmarked`, async () => {
      await call.run(1);
      await call.run(2);
      const [a, b] = fake.requests.filter((r) => r.path === "/v1/messages").map((r) => r.body as Body);
      expect(a!.model).toBe(call.model);
      expect(a!.system.map((s) => s.text)).toEqual([HANDBOOK, call.task]);
      expect(a!.system.every((s) => JSON.stringify(s.cache_control) === '{"type":"ephemeral"}')).toBe(true);
      expect(JSON.stringify(b!.system)).toBe(JSON.stringify(a!.system));
      const first = split(a!);
      const second = split(b!);
      expect(JSON.stringify(second.stable)).toBe(JSON.stringify(first.stable));
      expect(first.volatile.length).toBeGreaterThan(0);
      for (const block of [...first.volatile, ...second.volatile]) expect(block).not.toHaveProperty("cache_control");
      // The second call differs only after the last breakpoint.
      expect(JSON.stringify(second.volatile)).not.toBe(JSON.stringify(first.volatile));
      if (name !== "notes") expect(String(first.stable.at(-1)!.text)).toContain("<model_notes");
    });

    it(`${name}: the prefix passes ${call.model}'s minimum cacheable length, so the second call reads it`, async () => {
      const prefix = HANDBOOK + call.task;
      // At 4 characters a token the fake's count; Claude's tokenizer may count fewer, hence the margin.
      expect(textTokens(prefix, 4)).toBeGreaterThan(minCacheableTokens(call.model) * 1.2);
      const first = await call.run(1);
      const second = await call.run(2);
      expect(first.cachedTokens).toBe(0);
      expect(first.cacheWriteTokens).toBeGreaterThanOrEqual(estimateTokens(HANDBOOK) + estimateTokens(call.task));
      expect(second.cachedTokens).toBeGreaterThanOrEqual(estimateTokens(HANDBOOK) + estimateTokens(call.task));
      expect(second.cacheShare).toBeGreaterThan(0);
    });
  }
});
