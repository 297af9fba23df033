"use client";

// A client component only to read the UI language; it renders the same on the server-rendered share page.
import { aspectKeys, formatScore, type Critique } from "@/lib/schemas/critique";
import { useT } from "@/lib/i18n/client";

/** The five aspect scores as labelled bars; shared by the studio and the read-only share page. */
export function AspectBars({ aspects }: { aspects: Critique["aspects"] }) {
  const t = useT();
  return (
    <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1.5 text-xs">
      {aspectKeys.map((key) => {
        const score = aspects[key];
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

export function SeverityDot({ severity }: { severity: "low" | "medium" | "high" }) {
  const color = severity === "high" ? "bg-bad" : severity === "medium" ? "bg-warn" : "bg-muted";
  const t = useT();
  return (
    <span className="inline-flex items-center gap-1 align-middle text-2xs text-muted uppercase">
      <span aria-hidden="true" className={`inline-block size-2 rounded-full ${color}`} />
      {t(`critique.severity.${severity}`)}
    </span>
  );
}

/** What the critique found working, as a checked list; nothing when it found nothing. */
export function StrengthsList({ strengths }: { strengths: string[] }) {
  const t = useT();
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
