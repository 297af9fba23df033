import { AspectBars, SeverityDot, StrengthsList } from "@/components/critique/score-parts";
import type { Translate } from "@/lib/i18n";
import { formatScore } from "@/lib/schemas/score";
import type { SharedCritique } from "@/lib/schemas/shared-work";

/** The read-only critique of a shared image: the score, aspect bars, summary, strengths and issues. */
export function SharedCritiqueView({ critique, caption, t }: { critique: SharedCritique; caption?: string; t: Translate }) {
  return (
    <div className="flex flex-col gap-4">
      <ScoreLine critique={critique} caption={caption} t={t} />
      <AspectBars aspects={critique.aspects} t={t} />
      <p className="text-sm leading-relaxed">{critique.summary}</p>
      <StrengthsList strengths={critique.strengths} t={t} />
      {critique.issues.length > 0 ? (
        <div>
          <h3 className="mb-1.5 text-xs font-semibold text-muted">{t("critique.issues")}</h3>
          <ul className="flex flex-col gap-2">
            {critique.issues.map((issue) => (
              <li key={issue.id} className="flex flex-col gap-1 rounded-lg border border-line bg-surface p-2.5 text-sm">
                <span>
                  <SeverityDot severity={issue.severity} t={t} /> {issue.at ? <span className="font-mono text-xs font-semibold">{issue.at} — </span> : null}
                  {issue.problem}
                </span>
                <span className="text-muted">
                  <span className="font-medium text-ink">{t("critique.fix")}</span> {issue.fix}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function ScoreLine({ critique, caption, t }: { critique: SharedCritique; caption?: string; t: Translate }) {
  // Offline results are never labelled as Claude.
  const engine = critique.engine === "claude" ? t("critique.byClaude", { model: critique.model }) : t("critique.engineOffline");
  return (
    <div className="flex items-end justify-between gap-3">
      <p className="font-semibold tracking-tight">
        <span className="text-5xl tabular-nums">{formatScore(critique.overall)}</span>
        <span className="text-xl text-muted">/10</span>
      </p>
      <p className="text-right text-2xs text-muted">
        {caption ? (
          <>
            {caption}
            <br />
          </>
        ) : null}
        {engine}
      </p>
    </div>
  );
}
