"use client";

import { useT } from "@/lib/i18n/client";
import type { ReferenceVerdict, RegionCritique } from "@/lib/schemas/edit";
import { formatScore } from "@/lib/schemas/score";

/** What the critique of an edit adds: the painted region's verdict, and each moodboard reference by its role. */
export function EditVerdicts({ region, references }: { region?: RegionCritique; references?: ReferenceVerdict[] }) {
  const t = useT();
  if (!region && !references?.length) return null;
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-2.5 text-xs">
      {region ? (
        <section aria-label={t("compare.maskCaption")} className="flex flex-col gap-1">
          <h3 className="font-semibold">{t("compare.maskCaption")}</h3>
          <p>
            <span className={region.followed ? "text-good" : "text-bad"}>{region.followed ? "✓" : "✗"}</span> {region.followed ? t("critique.regionFollowed") : t("critique.regionNotFollowed")}
            {" · "}
            <span className={region.outsideChanged ? "text-bad" : "text-good"}>{region.outsideChanged ? t("critique.outsideChanged") : t("critique.outsideKept")}</span>
          </p>
          <p className="text-muted">{region.notes}</p>
        </section>
      ) : null}
      {references?.length ? (
        <section aria-label={t("moodboard.heading")} className="flex flex-col gap-1">
          <h3 className="font-semibold">{t("moodboard.heading")}</h3>
          <ul className="flex flex-col gap-1">
            {references.map((verdict) => (
              <li key={verdict.index}>
                <span className="font-medium tabular-nums">{t("moodboard.verdict", { n: verdict.index, role: t(`moodboard.${verdict.role}`), score: formatScore(verdict.score) })}</span> <span className="text-muted">{verdict.notes}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
