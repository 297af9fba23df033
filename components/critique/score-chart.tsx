"use client";

import { useT } from "@/lib/i18n/client";
import { formatScore } from "@/lib/schemas/score";
import type { RoundResult } from "@/lib/studio/auto-iterate";

const W = 280;
const H = 96;
const PAD = { left: 22, right: 8, top: 8, bottom: 18 };

/**
 * Scores across rounds as a small line chart. Screen readers get the same numbers as a table;
 * the drawing itself is one labelled image.
 */
export function ScoreChart({ results, rounds, target, bestId }: { results: RoundResult[]; rounds: number; target: number; bestId: string | null }) {
  const t = useT();
  const scored = results.filter((r): r is RoundResult & { score: number } => r.score !== null);
  const first = results[0]?.round ?? 1;
  const lastRound = Math.max(rounds, ...results.map((r) => r.round));
  const x = (round: number) => PAD.left + ((round - first) / Math.max(1, lastRound - first)) * (W - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + (1 - score / 10) * (H - PAD.top - PAD.bottom);
  const label =
    scored.length === 0
      ? t("chart.empty")
      : t("chart.label", { points: scored.map((r) => t("chart.point", { round: r.round, score: formatScore(r.score) })).join(t("chart.separator")) });

  return (
    <figure className="flex flex-col gap-1">
      <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" data-testid="score-chart">
        {[0, 5, 10].map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-line" strokeWidth="1" />
            <text x={PAD.left - 5} y={y(tick) + 3} textAnchor="end" className="fill-muted text-[8px]">
              {tick}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} className="stroke-good" strokeDasharray="3 3" strokeWidth="1" />
        {scored.length > 1 ? (
          <polyline
            fill="none"
            className="stroke-accent"
            strokeWidth="2"
            strokeLinejoin="round"
            points={scored.map((r) => `${x(r.round)},${y(r.score)}`).join(" ")}
          />
        ) : null}
        {scored.map((r) => (
          <circle
            key={r.iterationId}
            cx={x(r.round)}
            cy={y(r.score)}
            r={r.iterationId === bestId ? 5 : 3.5}
            className={r.iterationId === bestId ? "fill-good stroke-paper" : "fill-accent stroke-paper"}
            strokeWidth="1.5"
          />
        ))}
        {Array.from({ length: lastRound - first + 1 }, (_, i) => first + i).map((round) => (
          <text key={round} x={x(round)} y={H - 4} textAnchor="middle" className="fill-muted text-[8px]">
            {round === 0 ? t("chart.start") : round}
          </text>
        ))}
      </svg>
      <figcaption className="sr-only">
        <table>
          <caption>{t("chart.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("chart.round")}</th>
              <th scope="col">{t("chart.score")}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.iterationId}>
                <td>{r.round === 0 ? t("chart.start") : r.round}</td>
                <td>{r.score === null ? t("chart.notScored") : formatScore(r.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
