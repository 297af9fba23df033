"use client";

import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { MAX_REFERENCES, referenceRoles, type ReferenceRole } from "@/lib/schemas/moodboard";
import { useReferences } from "@/components/studio/studio-context";
import { useStudio } from "@/components/studio/studio-context";

/**
 * The moodboard: up to 8 of the project's references, each with the role it plays (style,
 * subject, palette, composition). Providers that take several images get them all, the rest a
 * description; the critique compares the render with each by its role.
 */
export function Moodboard() {
  const t = useT();
  const references = useReferences((s) => s.references);
  const moodboard = useReferences((s) => s.moodboard);
  const setRole = useReferences((s) => s.setRole);
  const stage = useStudio((s) => s.stage);
  const [full, setFull] = useState(false);
  if (references.length === 0) return null;
  const roleOf = (id: string) => moodboard.find((m) => m.referenceId === id)?.role ?? "";
  return (
    <fieldset className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-2.5 text-xs">
      <legend className="px-1 text-xs font-semibold tracking-wide text-muted uppercase">{t("moodboard.heading")}</legend>
      <p className="text-muted">{t("moodboard.hint")}</p>
      <ul className="flex flex-col gap-1.5">
        {references.map((reference, index) => (
          <li key={reference.id} className="flex items-center gap-2">
            {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed rendition */}
            <img src={`${reference.url}?w=96`} alt="" width={32} height={32} className="size-8 shrink-0 rounded object-cover" title={reference.description.summary} />
            <div className="flex min-w-0 flex-1 items-center justify-between gap-2">
              <span aria-hidden="true" className="truncate">
                {t("moodboard.role", { n: index + 1 })}
              </span>
              <select
                aria-label={t("moodboard.role", { n: index + 1 })}
                value={roleOf(reference.id)}
                disabled={stage !== "idle"}
                onChange={(e) => {
                  const role = (e.target.value || null) as ReferenceRole | null;
                  setFull(!setRole(reference.id, role));
                }}
                className="h-7 rounded-md border border-line bg-surface px-1.5 text-xs text-ink"
              >
                <option value="">{t("moodboard.off")}</option>
                {referenceRoles.map((role) => (
                  <option key={role} value={role}>
                    {t(`moodboard.${role}`)}
                  </option>
                ))}
              </select>
            </div>
          </li>
        ))}
      </ul>
      <p className="text-muted tabular-nums">{t("moodboard.count", { count: moodboard.length, max: MAX_REFERENCES })}</p>
      {full ? (
        <p role="alert" className="rounded-md border border-bad/30 bg-bad/5 px-2 py-1.5 text-bad">
          {t("moodboard.tooMany", { max: MAX_REFERENCES })}
        </p>
      ) : null}
    </fieldset>
  );
}
