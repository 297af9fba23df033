"use client";

import { useT } from "@/lib/i18n/client";
import type { ReferenceView } from "@/lib/schemas/reference";
import { formatUsd } from "@/lib/studio/cost";
import { Button } from "@/components/ui/button";

/** Thumbnails of the project's references: picking one puts it in use. */
export function ReferencePicker({ references, shownId, activeId, disabled, onPick }: { references: ReferenceView[]; shownId: string | null; activeId: string | null; disabled: boolean; onPick: (id: string) => void }) {
  const t = useT();
  return (
    <ul aria-label={t("reference.list")} className="flex flex-wrap gap-1.5">
      {references.map((reference, index) => {
        const label = t("reference.pick", { n: index + 1, count: references.length });
        return (
          <li key={reference.id}>
            <button
              type="button"
              aria-pressed={reference.id === shownId}
              aria-label={reference.id === activeId ? `${label} · ${t("reference.inUse")}` : label}
              title={reference.description.summary}
              disabled={disabled}
              onClick={() => onPick(reference.id)}
              className={`relative block size-11 overflow-hidden rounded-md border-2 disabled:opacity-60 ${reference.id === shownId ? "border-accent" : "border-transparent hover:border-line"}`}
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed rendition */}
              <img src={`${reference.url}?w=96`} alt="" width={44} height={44} className="size-full object-cover" />
              {reference.id === activeId ? <span aria-hidden className="absolute right-0.5 bottom-0.5 size-2 rounded-full bg-accent ring-1 ring-surface" /> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The reference shown: its description, whether it is in use, and seeding the draft from it. */
export function ReferenceCard({
  reference,
  inUse,
  disabled,
  onToggle,
  onSeed,
}: {
  reference: ReferenceView;
  inUse: boolean;
  disabled: boolean;
  onToggle: (use: boolean) => void;
  onSeed: () => void;
}) {
  const t = useT();
  const { description } = reference;
  const rows: Array<[string, string]> = [
    [t("reference.subject"), description.subject],
    [t("reference.style"), description.style],
    [t("reference.palette"), description.palette.join(t("reference.paletteSeparator"))],
    [t("reference.composition"), description.composition],
    [t("reference.text"), description.text || t("reference.none")],
  ];
  const usd = formatUsd(reference.costUsd);
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-2.5 text-xs">
      <div className="flex gap-2.5">
        {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed rendition */}
        <img src={`${reference.url}?w=256`} alt={t("reference.image")} width={64} height={64} className="size-16 shrink-0 rounded-md object-cover" />
        <p className="text-muted">
          {reference.engine === "claude" ? t("reference.byClaude", { model: reference.model, usd }) : t("reference.byOffline", { usd })}
        </p>
      </div>
      <dl aria-label={t("reference.description")} className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-1">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium">{label}</dt>
            <dd className="text-muted">{value}</dd>
          </div>
        ))}
      </dl>
      <label className="flex items-center gap-2">
        <input type="checkbox" className="accent-accent" checked={inUse} disabled={disabled} onChange={(e) => onToggle(e.target.checked)} />
        {t("reference.use")}
      </label>
      <Button className="h-8 text-xs" onClick={onSeed} disabled={disabled}>
        {t("reference.seed")}
      </Button>
    </div>
  );
}
