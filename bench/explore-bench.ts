/**
 * The exploring loop's Claude bill: a 3-round × 3-draft auto-iterate through the Anthropic fake
 * (which charges the prompt cache as the API does: minimum cacheable lengths per model,
 * breakpoints, reads only once a writing request has begun answering), rendered by the Local
 * renderer. Per round: Claude calls, input tokens, cached input tokens, cost.
 *
 *   "after"  — this code: k different drafts, k critiques sent warm-first (the first alone, the
 *              others once its answer has begun), one review call (comparative pick, model notes,
 *              next drafts), every call built as a cached prefix.
 *   "before" — the loop as it was before issue 23 (one prompt rendered with k seeds, k critiques
 *              sent together, one revision per round, system prompts of 120–1,400 tokens), measured
 *              with bench/explore-before.ts on that commit against the same fake and recorded in
 *              bench/explore-before.json (the old code no longer exists here to run).
 *
 * Library-level, in a child process started with the react-server condition (server-only modules).
 *   npx tsx --conditions=react-server bench/explore-bench.ts [--json]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { printRowsWhenRun, rowsFromChild } from "./child-rows";
import type { Row } from "./table";

export type RoundFigures = { round: number; calls: number; inputTokens: number; cachedTokens: number; costUsd: number };

const ROUNDS = 3;
const DRAFTS = 3;
const DRAFT = 'Poster of a lighthouse at dusk, orange and teal, headline "Harbour"';

async function measureAfter(): Promise<RoundFigures[]> {
  const { startAnthropicFake } = await import("../tests/support/fakes/anthropic");
  const { createClaudeEngine } = await import("../lib/understanding/claude");
  const { briefReadings, avoidTried, costOfUsage, critiquesWarmFirst } = await import("../lib/understanding");
  const { render, promptStyleFor } = await import("../lib/generation");
  const { generationParamsSchema } = await import("../lib/schemas/params");
  type Notes = import("../lib/schemas/model-notes").ModelNotes;
  type Critique = import("../lib/schemas/critique").Critique;
  type Usage = import("../lib/schemas/critique").Usage;

  const key = "sk-ant-bench-explore";
  const fake = await startAnthropicFake({ apiKey: key });
  const refineModel = "claude-haiku-5-5";
  const critiqueModel = "claude-sonnet-5-5";
  const engine = createClaudeEngine({ apiKey: key, baseURL: fake.url, auth: "bearer", refineModel, critiqueModel, timeoutMs: 60_000, maxRetries: 0 });
  const params = generationParamsSchema.parse({ providerId: "local", n: 1 });
  const target = { providerId: "local", model: "poster-v1" };
  const style = promptStyleFor(target);
  let notes: Notes = { ...target, notes: [] };
  let best: { image: { bytes: Uint8Array; mediaType: string }; prompt: string; critique: Critique } | undefined;
  let drafts = briefReadings({ prompt: DRAFT, k: DRAFTS, style, language: "en" });
  const tried: string[] = [];
  const figures: RoundFigures[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const before = fake.requests.length;
      const usages: Array<{ usage: Usage; model: string }> = [];
      const renders = await Promise.all(drafts.map(async (d) => ({ prompt: d.prompt, image: (await render({ prompt: d.prompt, params })).images[0]! })));
      tried.push(...renders.map((r) => r.prompt));
      const settled = await critiquesWarmFirst({
        engine,
        inputs: renders.map((r) => ({ image: { bytes: r.image.bytes, mediaType: r.image.mediaType }, prompt: r.prompt, draft: DRAFT, language: "en" as const, style, notes })),
      });
      const candidates = settled.map((s, i) => {
        if (s.status === "rejected") throw s.reason;
        usages.push(s.value);
        return { image: { bytes: renders[i]!.image.bytes, mediaType: renders[i]!.image.mediaType }, prompt: renders[i]!.prompt, critique: s.value.critique };
      });
      const review = await engine.reviewRound({ draft: DRAFT, candidates, best, notes, round, nextDrafts: round < ROUNDS ? DRAFTS : 0, style, language: "en" });
      usages.push(review);
      notes = review.notes;
      const winner = candidates[review.winnerIndex]!;
      if (review.pick.beatsBest || !best) best = winner;
      drafts = avoidTried({ drafts: review.drafts, tried, base: best.prompt, notes: notes.notes, style, language: "en" });
      figures.push({
        round,
        calls: fake.requests.length - before,
        inputTokens: usages.reduce((sum, u) => sum + u.usage.inputTokens, 0),
        cachedTokens: usages.reduce((sum, u) => sum + u.usage.cachedTokens, 0),
        costUsd: usages.reduce((sum, u) => sum + costOfUsage({ usage: u.usage, model: u.model, engine: "claude" }), 0),
      });
    }
  } finally {
    await fake.close();
  }
  return figures;
}

function recordedBefore(): { commit: string; rounds: RoundFigures[] } | null {
  try {
    return JSON.parse(readFileSync(path.join(__dirname, "explore-before.json"), "utf8")) as { commit: string; rounds: RoundFigures[] };
  } catch {
    return null;
  }
}

const share = (f: RoundFigures) => (f.inputTokens > 0 ? f.cachedTokens / f.inputTokens : 0);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const usd = (x: number) => `$${x.toFixed(4)}`;

export function exploreRows(after: RoundFigures[], before: RoundFigures[] | null, commit?: string): Row[] {
  const rows: Row[] = [];
  for (const f of after) {
    const old = before?.find((b) => b.round === f.round);
    const was = old ? ` (before: ${old.calls} calls, ${old.inputTokens.toLocaleString("en-US")} in, ${pct(share(old))} cached, ${usd(old.costUsd)})` : "";
    rows.push({
      id: `explore.round${f.round}.cache`,
      label: `Explore round ${f.round}: input read from the prompt cache`,
      target: f.round >= 2 ? "≥ 50%" : "",
      value: pct(share(f)),
      spread: `${f.calls} calls, ${f.inputTokens.toLocaleString("en-US")} in, ${f.cachedTokens.toLocaleString("en-US")} cached, ${usd(f.costUsd)}${was}`,
      pass: f.round >= 2 ? share(f) >= 0.5 : null,
      raw: { after: f, before: old ?? null, beforeCommit: commit ?? null },
    });
    rows.push({
      id: `explore.round${f.round}.calls`,
      label: `Explore round ${f.round}: Claude calls (3 drafts)`,
      target: old ? `≤ ${old.calls} (before)` : "",
      value: String(f.calls),
      spread: old ? `before ${old.calls}` : "no recorded before",
      pass: old && f.round >= 2 ? f.calls <= old.calls : null,
      note: f.round === 1 && old ? "round 1 adds the comparative pick; before, round 1 had no revision and no pick" : undefined,
    });
  }
  return rows;
}

/** For bench/run.ts: the rows, measured in a child process started with the react-server condition. */
export function measureExploreRows(): Promise<Row[]> {
  return rowsFromChild({ script: "explore-bench.ts" });
}

printRowsWhenRun({
  script: "explore-bench.ts",
  measure: async () => {
    const after = await measureAfter();
    const before = recordedBefore();
    return exploreRows(after, before?.rounds ?? null, before?.commit);
  },
});
