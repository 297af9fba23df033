"use client";

import { useT } from "@/lib/i18n/client";
import type { ExploreRoundView } from "@/lib/schemas/exploration";
import { formatScore } from "@/lib/schemas/score";
import { iterationScore } from "@/lib/studio/auto-iterate";
import { cacheSharePercent, formatUsd } from "@/lib/studio/cost";
import { useAutoIterate, useStudio } from "@/components/studio/studio-context";

/** Each round of the run: its k drafts (what each bets on, its prompt and score) and the comparative pick with its reasons. */
export function ExploreRounds() {
  const t = useT();
  const rounds = useAutoIterate((s) => s.rounds);
  if (rounds.length === 0) return null;
  return (
    <section aria-label={t("explore.heading")} className="flex flex-col gap-3">
      {rounds.map((round) => (
        <RoundCard key={`${round.runId}-${round.round}`} round={round} />
      ))}
    </section>
  );
}

function RoundCard({ round }: { round: ExploreRoundView }) {
  const t = useT();
  const iterations = useStudio((s) => s.iterations);
  const select = useStudio((s) => s.select);
  const scoreOf = (id: string) => {
    const iteration = iterations.find((i) => i.id === id);
    const score = iteration ? iterationScore(iteration) : null;
    return score === null ? "—" : t("explore.score", { score: formatScore(score) });
  };
  const { pick } = round;
  return (
    <section aria-label={t("explore.round", { round: round.round })} className="flex flex-col gap-2 rounded-md border border-line p-2 text-xs">
      <h3 className="font-semibold">{t("explore.round", { round: round.round })}</h3>
      <ol aria-label={t("explore.drafts", { round: round.round })} className="flex flex-col gap-2">
        {round.drafts.map((draft) => {
          const picked = draft.label === pick.winner;
          return (
            <li key={draft.label} aria-label={t("explore.draft", { label: draft.label })} className={`rounded border p-2 ${picked ? "border-good bg-good/10" : "border-line"}`}>
              <p className="flex justify-between gap-2">
                <button type="button" className="font-semibold underline-offset-2 hover:underline" onClick={() => select(draft.iterationId)}>
                  {t("explore.draft", { label: draft.label })}
                </button>
                <span className="tabular-nums">
                  {picked ? <strong className="mr-2 text-good">{t("explore.picked")}</strong> : null}
                  {scoreOf(draft.iterationId)}
                </span>
              </p>
              <p className="text-muted">
                {draft.reading} <span className="italic">({t(`explore.source.${draft.source}`)})</span>
              </p>
              <p className="mt-1 line-clamp-3 font-mono text-2xs whitespace-pre-line" title={draft.prompt}>
                {draft.prompt}
              </p>
            </li>
          );
        })}
      </ol>
      <div role="group" aria-label={t("explore.pick")} className="flex flex-col gap-1 rounded bg-sunken p-2">
        <p className="font-semibold">{t("explore.pickWinner", { label: pick.winner })}</p>
        <ul className="list-disc pl-4">
          {pick.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        {pick.versusBest ? <p className="text-muted">{t(pick.beatsBest ? "explore.beatsBest" : "explore.keepsBest", { why: pick.versusBest })}</p> : null}
      </div>
      <p className="text-2xs text-muted">
        {round.engine === "offline"
          ? t("explore.cacheOffline", { usd: formatUsd(round.costUsd) })
          : t("explore.cache", { usd: formatUsd(round.costUsd), input: round.inputTokens.toLocaleString("en-US"), share: cacheSharePercent(round) })}
      </p>
    </section>
  );
}
