"use client";

import { useState } from "react";
import type { PublicError } from "@/lib/errors";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import type { ReferenceView } from "@/lib/schemas/reference";
import { referenceToPrompt } from "@/lib/schemas/reference-prompt";
import { useReferenceStore } from "@/lib/store/reference-store";
import { formatUsd } from "@/lib/studio/cost";
import { Button } from "@/components/ui/button";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";

type UploadAnswer = { ok: true; value: { reference: ReferenceView; project: { id: string; name: string } } } | { ok: false; error: PublicError };

/** Upload a reference image; the engine describes it, it can seed the draft, and it steers renders and critiques. */
export function ReferencePanel() {
  const t = useT();
  const locale = useLocale();
  const store = useStudioStore();
  const stage = useStudio((s) => s.stage);
  const { references, activeId, add, setActive } = useReferenceStore();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = references.find((r) => r.id === activeId) ?? references.at(-1) ?? null;

  async function upload(file: File) {
    setError(null);
    setUploading(true);
    const form = new FormData();
    form.set("file", file);
    const projectId = store.getState().projectId;
    if (projectId) form.set("projectId", projectId);
    const answer = await fetch("/api/references", { method: "POST", body: form })
      .then((r) => r.json() as Promise<UploadAnswer>)
      .catch((): UploadAnswer => ({ ok: false, error: { code: "internal", message: t("reference.uploadLost"), retryable: true } }));
    setUploading(false);
    if (!answer.ok) return setError(errorText({ t, locale, error: answer.error }));
    const { reference, project } = answer.value;
    add(reference);
    if (store.getState().projectId !== project.id) {
      store.getState().setProject(project);
      window.history.replaceState(null, "", `/p/${project.id}`);
    }
    store.getState().announce(t("reference.described"));
  }

  return (
    <section aria-label={t("reference.label")} className="flex flex-col gap-2">
      <div className="flex items-baseline justify-between">
        <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">{t("reference.heading")}</h2>
        <span className="text-2xs text-muted">{t("reference.formats")}</span>
      </div>
      <label className="flex cursor-pointer items-center justify-center rounded-lg border border-dashed border-line bg-surface px-3 py-2 text-sm text-muted hover:bg-sunken">
        {uploading ? t("reference.uploading") : t("reference.upload")}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className="sr-only"
          aria-label={t("reference.upload")}
          disabled={uploading}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void upload(file);
          }}
        />
      </label>
      {error ? (
        <p role="alert" className="rounded-lg border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad">
          {error}
        </p>
      ) : null}
      {active ? (
        <ReferenceCard
          reference={active}
          inUse={activeId === active.id}
          disabled={stage !== "idle"}
          onToggle={(use) => setActive(use ? active.id : null)}
          onSeed={() => store.getState().setDraft(`${store.getState().draft.trim() ? `${store.getState().draft.trim()}\n` : ""}${referenceToPrompt(active.description)}`)}
        />
      ) : null}
    </section>
  );
}

function ReferenceCard({
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
