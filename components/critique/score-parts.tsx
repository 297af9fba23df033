// No "use client" and no hooks: the words come in as `t`, so the share page renders these on the
// server without shipping them, and the studio's client components use them as they are.
import type { Translate } from "@/lib/i18n";
import { aspectKeys, formatScore } from "@/lib/schemas/score";

// A clip's aspects (motion and temporal consistency instead of colour; text without typography). Kept here, not imported from the video schemas, so score bars ship no zod.
const videoAspectKeys = ["promptAdherence", "motion", "composition", "text", "artifacts"] as const;

/** The five aspect scores as labelled bars, a still's or a clip's; shared by the studio and the read-only share page. */
export function AspectBars({ aspects, t }: { aspects: Partial<Record<string, number>>; t: Translate }) {
  const keys = "motion" in aspects ? videoAspectKeys : aspectKeys;
  return (
    <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1.5 text-xs">
      {keys.map((key) => {
        const score = aspects[key] ?? 0;
        return (
          <div key={key} className="contents">
            <dt className="text-muted">{t(`aspect.${key}`)}</dt>
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

export function SeverityDot({ severity, t }: { severity: "low" | "medium" | "high"; t: Translate }) {
  const color = severity === "high" ? "bg-bad" : severity === "medium" ? "bg-warn" : "bg-muted";
  return (
    <span className="inline-flex items-center gap-1 align-middle text-2xs text-muted uppercase">
      <span aria-hidden="true" className={`inline-block size-2 rounded-full ${color}`} />
      {t(`critique.severity.${severity}`)}
    </span>
  );
}

/** What the critique found working, as a checked list; nothing when it found nothing. */
export function StrengthsList({ strengths, t }: { strengths: string[]; t: Translate }) {
  if (strengths.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1.5 text-xs font-semibold text-muted">{t("critique.working")}</h3>
      <ul className="flex flex-col gap-1 text-sm">
        {strengths.map((s) => (
          <li key={s} className="flex gap-2">
            <span aria-hidden="true" className="text-good">
              ✓
            </span>
            {s}
          </li>
        ))}
      </ul>
    </div>
  );
}
