"use client";

import { useState } from "react";
import { modelNotesAction, saveModelNotesAction } from "@/app/(studio)/explore-actions";
import { useLocale, useT } from "@/lib/i18n/client";
import { errorText } from "@/lib/i18n";
import type { ModelNote, ModelNotes } from "@/lib/schemas/model-notes";
import { modelTarget } from "@/lib/schemas/model-target";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useAutoIterate, useAutoIterateStore, useStudio } from "@/components/studio/studio-context";

const field = "w-full rounded-md border border-line bg-surface px-2 py-1 text-sm focus:border-focus focus:outline-none";

/**
 * The notes on the model that renders, as the loop keeps them for this project: shown, edited and
 * saved by the designer. A note they touch becomes theirs, and the engines keep it as written.
 */
export function ModelNotesButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const count = useAutoIterate((s) => s.notes?.notes.length ?? 0);
  return (
    <>
      <Button onClick={() => setOpen(true)} className="w-full">
        {t("notes.open")}
        {count > 0 ? <span aria-hidden="true" className="text-2xs text-muted">({count})</span> : null}
      </Button>
      {open ? <ModelNotesDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ModelNotesDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const projectId = useStudio((s) => s.projectId);
  const latest = useStudio((s) => s.iterations.at(-1));
  const known = useAutoIterate((s) => s.notes);
  const autoIterate = useAutoIterateStore();
  const target = known ?? (latest ? { providerId: latest.providerId, model: latest.model, notes: [] } : null);
  const [notes, setNotes] = useState<ModelNote[] | null>(known?.notes ?? null);
  const [edited, setEdited] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const [loaded, setLoaded] = useState(false);

  if (!loaded && projectId && target) {
    setLoaded(true);
    void modelNotesAction({ projectId }).then((result) => {
      if (!result.ok) return setStatus(errorText({ t, locale, error: result.error }));
      const stored = result.value.find((n) => n.providerId === target.providerId && n.model === target.model);
      setNotes((current) => (current && current.length > 0 && !stored ? current : (stored?.notes ?? current ?? [])));
    });
  }

  const change = (id: string, patch: Partial<ModelNote>) => {
    setNotes((list) => (list ?? []).map((n) => (n.id === id ? { ...n, ...patch } : n)));
    setEdited((ids) => (ids.includes(id) ? ids : [...ids, id]));
    setStatus("");
  };
  const add = () => {
    const id = `designer-${crypto.randomUUID().slice(0, 8)}`;
    setNotes((list) => [...(list ?? []), { id, kind: "other", behaviour: "", advice: "", evidence: [], confidence: "high", source: "designer" }]);
    setEdited((ids) => [...ids, id]);
  };
  const save = async () => {
    if (!projectId || !target || !notes) return;
    if (notes.some((n) => !n.behaviour.trim() || !n.advice.trim())) return setStatus(t("notes.incomplete"));
    const result = await saveModelNotesAction({ projectId, providerId: target.providerId, model: target.model, notes, edited });
    if (!result.ok) return setStatus(errorText({ t, locale, error: result.error }));
    autoIterate.getState().setNotes(result.value satisfies ModelNotes);
    setNotes(result.value.notes);
    setEdited([]);
    setStatus(t("notes.saved"));
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={t("notes.title")}
      description={target ? t("notes.description", { target: modelTarget(target) }) : t("notes.needsProject")}
    >
      {target && projectId ? (
        <div className="flex flex-col gap-3">
          {notes && notes.length === 0 ? <p className="text-sm text-muted">{t("notes.none")}</p> : null}
          <ol className="flex flex-col gap-3">
            {(notes ?? []).map((note, i) => (
              <li key={note.id} className="flex flex-col gap-1 rounded-md border border-line p-2">
                <p className="text-2xs text-muted">
                  {note.kind} · {note.confidence} · {t(`notes.by.${note.source}`)}
                </p>
                <label className="flex flex-col gap-1 text-xs">
                  {t("notes.behaviour", { n: i + 1 })}
                  <textarea rows={2} className={field} value={note.behaviour} maxLength={300} onChange={(e) => change(note.id, { behaviour: e.target.value })} />
                </label>
                <label className="flex flex-col gap-1 text-xs">
                  {t("notes.advice", { n: i + 1 })}
                  <textarea rows={2} className={field} value={note.advice} maxLength={300} onChange={(e) => change(note.id, { advice: e.target.value })} />
                </label>
                <Button variant="ghost" className="self-end" onClick={() => { setNotes((list) => (list ?? []).filter((n) => n.id !== note.id)); setStatus(""); }}>
                  {t("notes.remove", { n: i + 1 })}
                </Button>
              </li>
            ))}
          </ol>
          <div className="flex justify-between gap-2">
            <Button onClick={add}>{t("notes.add")}</Button>
            <Button variant="primary" onClick={() => void save()} disabled={!notes}>
              {t("notes.save")}
            </Button>
          </div>
          <p role="status" className="text-sm">
            {status}
          </p>
        </div>
      ) : null}
    </Dialog>
  );
}
