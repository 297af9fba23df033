/**
 * The loop as it was before issue 23, measured for bench/explore-bench.ts's "before" columns:
 * run on that commit (only APIs it had: createClaudeEngine, critique, revise, render) against the
 * API-faithful fake started from this branch, then recorded in bench/explore-before.json.
 *
 *   git worktree add /tmp/before <commit> && ln -s "$PWD/node_modules" /tmp/before/node_modules
 *   cp bench/explore-before.ts /tmp/before/bench/
 *   npx tsx e2e/fakes/anthropic.ts --port 6610 --key sk-ant-before &
 *   (cd /tmp/before && node --conditions=react-server --import tsx bench/explore-before.ts http://127.0.0.1:6610 sk-ant-before)
 *
 * Today's shape then: one prompt rendered with k seeds, its k critiques sent together, and from
 * round 2 one revision of the best round's best variant with every point kept.
 */
import { createClaudeEngine } from "../lib/understanding/claude";
import { costOfUsage } from "../lib/understanding";
import { render } from "../lib/generation";
import { generationParamsSchema } from "../lib/schemas/params";
import type { Critique, Usage } from "../lib/schemas/critique";

const [url, key] = process.argv.slice(2);
const ROUNDS = 3;
const DRAFTS = 3;
const DRAFT = 'Poster of a lighthouse at dusk, orange and teal, headline "Harbour"';

async function main() {
  const engine = createClaudeEngine({ apiKey: key!, baseURL: url!, auth: "bearer", refineModel: "claude-haiku-5-5", critiqueModel: "claude-sonnet-5-5", timeoutMs: 60_000, maxRetries: 0 });
  let best: { prompt: string; critique: Critique } | undefined;
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const usages: Array<{ usage: Usage; model: string }> = [];
    let prompt = DRAFT;
    if (best) {
      const revised = await engine.revise({ prompt: best.prompt, draft: DRAFT, critique: best.critique });
      usages.push(revised);
      prompt = revised.prompt;
    }
    const rendered = await render({ prompt, params: generationParamsSchema.parse({ providerId: "local", n: DRAFTS }) });
    const critiques = await Promise.all(rendered.images.map((image) => engine.critique({ image: { bytes: image.bytes, mediaType: image.mediaType }, prompt, draft: DRAFT, language: "en" })));
    usages.push(...critiques);
    const top = critiques.map((c) => c.critique).sort((a, b) => b.overall - a.overall)[0]!;
    if (!best || top.overall > best.critique.overall) best = { prompt, critique: top };
    rounds.push({
      round,
      calls: usages.length,
      inputTokens: usages.reduce((sum, u) => sum + u.usage.inputTokens + ((u.usage as { cacheWriteTokens?: number }).cacheWriteTokens ?? 0), 0),
      cachedTokens: usages.reduce((sum, u) => sum + u.usage.cachedTokens, 0),
      costUsd: usages.reduce((sum, u) => sum + costOfUsage({ usage: u.usage, model: u.model, engine: "claude" }), 0),
    });
  }
  console.log(JSON.stringify(rounds));
}

void main();
