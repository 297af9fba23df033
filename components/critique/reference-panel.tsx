"use client";

import { useState } from "react";
import type { PublicError } from "@/lib/errors";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import type { ReferenceView } from "@/lib/schemas/reference";
import { referenceToPrompt } from "@/lib/schemas/reference-prompt";
import { formatUsd } from "@/lib/studio/cost";
import { Button } from "@/components/ui/button";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { useReferences } from "./reference-context";

type UploadAnswer = { ok: true; value: { reference: ReferenceView; project: { id: string; name: string } } } | { ok: false; error: PublicError };

/**
 * Upload a reference image; the engine describes it, it can seed the draft, and it steers renders
 * and critiques. The project's earlier uploads stay listed (they come with the page), and any of
 * them can be put in use again or none at all.
 */
export function ReferencePanel() {
  const t = useT();
  const locale = useLocale();
  const store = useStudioStore();
  const stage = useStudio((s) => s.stage);
  const references = useReferences((s) => s.references);
  const activeId = useReferences((s) => s.activeId);
  const { add, setActive } = useReferences((s) => s);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The card shows the reference in use, or the one last looked at when none is.
  const [viewedId, setViewedId] = useState<string | null>(null);
  const shown = references.find((r) => r.id === activeId) ?? references.find((r) => r.id === viewedId) ?? references.at(-1) ?? null;

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
    add({ reference, projectId: project.id });
    setViewedId(reference.id);
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
      {references.length > 1 ? (
        <ReferencePicker
          references={references}
          shownId={shown?.id ?? null}
          activeId={activeId}
          disabled={stage !== "idle"}
          onPick={(id) => {
            setViewedId(id);
            setActive(id);
          }}
        />
      ) : null}
      {shown ? (
        <ReferenceCard
          reference={shown}
          inUse={activeId === shown.id}
          disabled={stage !== "idle"}
          onToggle={(use) => {
            setViewedId(shown.id);
            setActive(use ? shown.id : null);
          }}
          onSeed={() => store.getState().setDraft(`${store.getState().draft.trim() ? `${store.getState().draft.trim()}\n` : ""}${referenceToPrompt(shown.description)}`)}
        />
      ) : null}
    </section>
  );
}

/** Thumbnails of the project's references: picking one puts it in use. */
function ReferencePicker({ references, shownId, activeId, disabled, onPick }: { references: ReferenceView[]; shownId: string | null; activeId: string | null; disabled: boolean; onPick: (id: string) => void }) {
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
