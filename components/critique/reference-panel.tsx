"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { PublicError } from "@/lib/errors";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import type { ReferenceView } from "@/lib/schemas/reference";
import { referenceToPrompt } from "@/lib/schemas/reference-prompt";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";
import { useReferences } from "@/components/studio/studio-context";
import { InputImageCard } from "@/components/edit/input-image-card";
import { Moodboard } from "@/components/edit/moodboard";

// Only a project with references draws these; a fresh studio never loads their code.
const ReferencePicker = dynamic(() => import("./reference-card").then((m) => m.ReferencePicker));
const ReferenceCard = dynamic(() => import("./reference-card").then((m) => m.ReferenceCard));

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
      <InputImageCard />
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
      <Moodboard />
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
