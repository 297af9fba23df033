import { aspectKeys, aspectLabels } from "@/lib/schemas/critique";
import { formatScore, type SharedCritique } from "@/lib/share/shared-work";

/** The read-only critique of a shared image: the score, aspect bars, summary, strengths and issues. */
export function SharedCritiqueView({ critique, caption }: { critique: SharedCritique; caption?: string }) {
  return (
    <div className="flex flex-col gap-4">
      <ScoreLine critique={critique} caption={caption} />
      <AspectBars critique={critique} />
      <p className="text-sm leading-relaxed">{critique.summary}</p>
      {critique.strengths.length > 0 ? (
        <div>
          <h3 className="mb-1.5 text-xs font-semibold text-muted">Working well</h3>
          <ul className="flex flex-col gap-1 text-sm">
            {critique.strengths.map((s) => (
              <li key={s} className="flex gap-2">
                <span aria-hidden="true" className="text-good">
                  ✓
                </span>
                {s}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {critique.issues.length > 0 ? (
        <div>
          <h3 className="mb-1.5 text-xs font-semibold text-muted">Issues and fixes</h3>
          <ul className="flex flex-col gap-2">
            {critique.issues.map((issue) => (
              <li key={issue.id} className="flex flex-col gap-1 rounded-lg border border-line bg-surface p-2.5 text-sm">
                <span>
                  <Severity level={issue.severity} /> {issue.problem}
                </span>
                <span className="text-muted">
                  <span className="font-medium text-ink">Fix:</span> {issue.fix}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function ScoreLine({ critique, caption }: { critique: SharedCritique; caption?: string }) {
  // Offline results are never labelled as Claude.
  const engine = critique.engine === "claude" ? `Critique by Claude · ${critique.model}` : "Offline engine (heuristics, not Claude)";
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

function AspectBars({ critique }: { critique: SharedCritique }) {
  return (
    <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1.5 text-xs">
      {aspectKeys.map((key) => {
        const score = critique.aspects[key];
        return (
          <div key={key} className="contents">
            <dt className="text-muted">{aspectLabels[key]}</dt>
            <dd className="h-1.5 overflow-hidden rounded-full bg-sunken" aria-hidden="true">
              <div
                className={`h-full rounded-full ${score >= 7.5 ? "bg-good" : score >= 5 ? "bg-warn" : "bg-bad"}`}
                style={{ width: `${score * 10}%` }}
              />
            </dd>
            <dd className="text-right font-medium tabular-nums">{formatScore(score)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function Severity({ level }: { level: "low" | "medium" | "high" }) {
  const color = level === "high" ? "bg-bad" : level === "medium" ? "bg-warn" : "bg-muted";
  return (
    <span className="inline-flex items-center gap-1 align-middle text-2xs text-muted uppercase">
      <span aria-hidden="true" className={`inline-block size-2 rounded-full ${color}`} />
      {level}
    </span>
  );
}
