import { reviseAction } from "@/app/(studio)/actions";
import type { StudioFlow } from "@/components/studio/use-studio-flow";
import { errorText, type Locale, type Translate } from "@/lib/i18n";
import { MAX_SEED } from "@/lib/schemas/params";
import { normalisePrompt } from "@/lib/schemas/prompt-text";
import { formatScore } from "@/lib/schemas/score";
import type { AutoIterateStore, AutoOutcome } from "@/lib/store/auto-iterate-store";
import type { StudioStore } from "@/lib/store/studio-store";
import { bestRound, iterationScore, stopReason, type RoundResult } from "@/lib/studio/auto-iterate";
import { stopText } from "./use-auto-iterate";

type Step = { prompt: string; parentId: string | null; reviseUsd: number } | { outcome: AutoOutcome; error?: string };

/**
 * A prompt already rendered in this run (the best round's revision is the same every time the
 * best does not change) gets a fresh seed: with the seed derived from the prompt, it would
 * otherwise render, and score, exactly the same image again.
 */
function seedFor({ prompt, tried }: { prompt: string; tried: string[] }): number | undefined {
  if (!tried.some((p) => normalisePrompt(p) === normalisePrompt(prompt))) return undefined;
  return crypto.getRandomValues(new Uint32Array(1))[0]! % (MAX_SEED + 1);
}

type Deps = { studio: StudioStore; autoIterate: AutoIterateStore; render: StudioFlow["render"]; t: Translate; locale: Locale };

/**
 * Drives auto-iterate from the browser through the same server actions a designer uses:
 * render k drafts (critiqued as they land), revise the best iteration so far with every point
 * accepted, render again. Each round is a saved iteration with its own idempotency key, so a
 * cancel or a failure keeps every finished round. Loaded on Start (see use-auto-iterate.ts).
 */
export async function runAutoIterate({ studio, autoIterate, render, t, locale }: Deps): Promise<void> {
  const nextStep = async (best: RoundResult | null): Promise<Step> => {
    const s = studio.getState();
    if (!best) {
      const prompt = normalisePrompt(s.refinedPrompt) || normalisePrompt(s.draft);
      if (!prompt) return { outcome: "failed", error: t("error.empty_prompt") };
      return { prompt, parentId: s.currentId, reviseUsd: 0 };
    }
    const revised = await reviseAction({ iterationId: best.iterationId });
    if (!revised.ok) return { outcome: "failed", error: errorText({ t, locale, error: revised.error }) };
    const from = studio.getState().iterations.find((i) => i.id === best.iterationId);
    // Nothing left to change: another round would render the same prompt again.
    if (from && normalisePrompt(revised.value.prompt) === normalisePrompt(from.renderedPrompt)) return { outcome: "converged" };
    return { prompt: revised.value.prompt, parentId: best.iterationId, reviseUsd: revised.value.costUsd };
  };

  /** The best iteration of the run becomes current, so Apply revision and Share act on it. */
  const finish = ({ outcome, error }: { outcome: AutoOutcome; error?: string }) => {
    const { results } = autoIterate.getState();
    const best = bestRound(results);
    if (best) studio.getState().select(best.iterationId);
    autoIterate.getState().finish({ outcome, bestId: best?.iterationId ?? null, error });
    const why =
      outcome === "cancelled"
        ? t("auto.whyCancelled")
        : outcome === "failed"
          ? t("auto.whyFailed", { error: error ?? t("auto.roundFailed") })
          : outcome === "converged"
            ? t("auto.whyConverged")
            : stopText({ t, reason: outcome });
    studio
      .getState()
      .announce(
        best?.score != null
          ? t("auto.finishedBest", { why, round: best.round, score: formatScore(best.score) })
          : t("auto.finished", { why }),
      );
  };

  const auto = autoIterate.getState();
  const s = studio.getState();
  if (auto.running || s.stage !== "idle") return;
  const current = s.iterations.find((i) => i.id === s.currentId);
  const start = current ? iterationScore(current) : null;
  // An already-critiqued current iteration is round 0: the run improves on it and may keep it.
  auto.start(current && start !== null ? [{ round: 0, iterationId: current.id, score: start, costUsd: 0 }] : []);
  const tried = current ? [current.renderedPrompt] : [];
  let outcome: AutoOutcome = "rounds";
  let error: string | undefined;

  for (let round = 1; ; round++) {
    const state = autoIterate.getState();
    const reason = stopReason({ settings: state.settings, results: state.results });
    if (reason) {
      outcome = reason;
      break;
    }
    if (state.cancelRequested) {
      outcome = "cancelled";
      break;
    }
    state.beginRound(round);
    studio.getState().announce(t("auto.announceRound", { round, rounds: state.settings.rounds }));
    const step = await nextStep(bestRound(state.results));
    if ("outcome" in step) {
      ({ outcome, error } = step);
      break;
    }
    const iteration = await render({
      prompt: step.prompt,
      parentId: step.parentId,
      variants: state.settings.drafts,
      idempotencyKey: crypto.randomUUID(),
      alsoTried: tried.slice(-8),
      seed: seedFor({ prompt: step.prompt, tried }),
    });
    if (!iteration) {
      outcome = "failed";
      const formError = studio.getState().formError;
      error = formError ? errorText({ t, locale, error: formError }) : t("auto.renderFailed");
      break;
    }
    tried.push(iteration.renderedPrompt);
    autoIterate.getState().addResult({
      round,
      iterationId: iteration.id,
      score: iterationScore(iteration),
      costUsd: iteration.cost.totalUsd + step.reviseUsd,
    });
  }
  finish({ outcome, error });
}
