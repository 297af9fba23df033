import { exploreRoundAction, firstDraftsAction, iterationViewsAction } from "@/app/(studio)/explore-actions";
import type { StudioFlow } from "@/components/studio/use-studio-flow";
import { errorText, type Locale, type Translate } from "@/lib/i18n";
import type { PublicError } from "@/lib/errors";
import type { Draft } from "@/lib/schemas/exploration";
import type { IterationView } from "@/lib/schemas/iteration";
import { normalisePrompt } from "@/lib/schemas/prompt-text";
import { formatScore } from "@/lib/schemas/score";
import type { AutoIterateStore, AutoOutcome } from "@/lib/store/auto-iterate-store";
import type { StudioStore } from "@/lib/store/studio-store";
import { bestRound, iterationScore, stopReason } from "@/lib/studio/auto-iterate";
import { stopText } from "./use-auto-iterate";

type Deps = { studio: StudioStore; autoIterate: AutoIterateStore; render: StudioFlow["render"]; t: Translate; locale: Locale };
type Failure = { outcome: AutoOutcome; error?: string };

/**
 * Drives auto-iterate from the browser, Idea2Img-style: each round renders k different drafts
 * (each its own saved iteration, a child of the best so far), then one server action critiques
 * them and makes the comparative pick, which also updates the model notes and writes the next
 * round's drafts (lib/workflows/explore). A cancel or a failure keeps every finished round.
 * Loaded on Start (see use-auto-iterate.ts).
 */
export async function runAutoIterate({ studio, autoIterate, render, t, locale }: Deps): Promise<void> {
  const say = (error: PublicError) => errorText({ t, locale, error });

  /** Each draft rendered in turn (the first may create the project the others join). */
  const renderDrafts = async ({ drafts, parentId }: { drafts: Draft[]; parentId: string | null }): Promise<Array<Draft & { iterationId: string }> | Failure> => {
    const rendered: Array<Draft & { iterationId: string }> = [];
    for (const draft of drafts) {
      // Stills whatever the Output radios say: the round's critiques and comparative pick read images.
      const iteration: IterationView | null = await render({ prompt: draft.prompt, parentId, variants: 1, idempotencyKey: crypto.randomUUID(), critiqueAfter: false, output: "image" });
      if (!iteration) {
        const formError = studio.getState().formError;
        studio.getState().setStage("idle");
        if (rendered.length === 0) return { outcome: "failed", error: formError ? say(formError) : t("auto.renderFailed") };
        break; // the drafts that rendered still make a round
      }
      rendered.push({ ...draft, iterationId: iteration.id });
    }
    return rendered;
  };

  /** The best iteration of the run becomes current, so Apply revision and Share act on it. */
  const finish = ({ outcome, error, bestId }: { outcome: AutoOutcome; error?: string; bestId: string | null }) => {
    const { results } = autoIterate.getState();
    // The comparative pick's best, which may not be the highest score; the scores decide only without picks.
    const picked = bestId ? studio.getState().iterations.find((i) => i.id === bestId) : undefined;
    const scored = bestRound(results);
    const best = picked ? { iterationId: picked.id, score: iterationScore(picked), round: results.find((r) => r.iterationId === picked.id)?.round ?? 0 } : scored;
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
  const runId = crypto.randomUUID();
  const tried = current ? [current.renderedPrompt] : [];
  let bestId = current && start !== null ? current.id : null;
  let outcome: AutoOutcome = "rounds";
  let error: string | undefined;
  let drafts: Draft[] = [];
  let firstCostUsd = 0;

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
    if (round === 1) {
      const now = studio.getState();
      const prompt = normalisePrompt(now.refinedPrompt) || normalisePrompt(now.draft) || (current?.renderedPrompt ?? "");
      if (!prompt) {
        ({ outcome, error } = { outcome: "failed", error: t("error.empty_prompt") });
        break;
      }
      const first = await firstDraftsAction({ projectId: now.projectId, prompt, draft: normalisePrompt(now.draft) || prompt, k: state.settings.drafts, providerId: now.params.providerId, model: now.params.model ?? "", fromIterationId: bestId ?? undefined });
      if (!first.ok) {
        ({ outcome, error } = { outcome: "failed", error: say(first.error) });
        break;
      }
      drafts = first.value.drafts;
      firstCostUsd = first.value.costUsd;
    }
    if (drafts.length === 0) {
      outcome = "converged"; // nothing left to try that the run has not rendered
      break;
    }
    const rendered = await renderDrafts({ drafts, parentId: bestId ?? studio.getState().currentId });
    if ("outcome" in rendered) {
      ({ outcome, error } = rendered);
      break;
    }
    tried.push(...rendered.map((d) => d.prompt));
    studio.getState().setStage("critiquing");
    studio.getState().announce(t("auto.announcePicking", { count: rendered.length }));
    const last = round >= state.settings.rounds;
    const result = await exploreRoundAction({ runId, round, drafts: rendered, bestIterationId: bestId ?? undefined, nextDrafts: last ? 0 : state.settings.drafts, tried: tried.slice(-24) });
    await refreshIterations({ studio, ids: rendered.map((d) => d.iterationId) });
    studio.getState().setStage("idle");
    if (!result.ok) {
      ({ outcome, error } = { outcome: "failed", error: say(result.error) });
      break;
    }
    const { round: view, notes, nextDrafts } = result.value;
    bestId = view.bestIterationId;
    drafts = nextDrafts;
    const winner = studio.getState().iterations.find((i) => i.id === view.winnerIterationId);
    autoIterate.getState().addRound(view, notes);
    autoIterate.getState().addResult({ round, iterationId: view.winnerIterationId, score: winner ? iterationScore(winner) : null, costUsd: roundSpend({ studio, ids: rendered.map((d) => d.iterationId) }) + (round === 1 ? firstCostUsd : 0) });
    studio.getState().announce(t("auto.announcePicked", { round, label: view.pick.winner }));
  }
  finish({ outcome, error, bestId });
}

/** The round's iterations as the server now has them (critiqued, with the review's cost on the winner). */
async function refreshIterations({ studio, ids }: { studio: StudioStore; ids: string[] }) {
  const views = await iterationViewsAction({ iterationIds: ids });
  if (views.ok) for (const view of views.value) studio.getState().upsertIteration(view);
}

function roundSpend({ studio, ids }: { studio: StudioStore; ids: string[] }): number {
  return studio.getState().iterations.filter((i) => ids.includes(i.id)).reduce((sum, i) => sum + i.cost.totalUsd, 0);
}
