"use client";

import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import type { ImageThreadView, PickRequest } from "@/lib/schemas/image-thread";
import { useStudio } from "@/components/studio/studio-context";
import { useReferences } from "@/components/studio/studio-context";

/** A file to read: chosen, dropped on the zone, or pasted anywhere in the dialog (see DescribeDialog). */
export function DropZone({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  const t = useT();
  const [over, setOver] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file && !disabled) onFile(file);
      }}
      // The input itself is visually hidden, so the zone shows where keyboard focus is.
      className={`flex flex-col items-center gap-2 rounded-lg border border-dashed px-3 py-4 text-center text-sm focus-within:outline-2 focus-within:outline-focus ${over ? "border-accent bg-accent-soft/40" : "border-line bg-surface"}`}
    >
      <label htmlFor="describe-file" className={`rounded-lg border border-line bg-surface px-3 py-1.5 font-medium shadow-sm ${disabled ? "opacity-60" : "cursor-pointer hover:bg-sunken"}`}>
        {t("describe.file")}
      </label>
      <p className="text-2xs text-muted">{t("describe.fileHint")}</p>
      <input
        id="describe-file"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif,video/*"
        className="sr-only"
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onFile(file);
        }}
      />
    </div>
  );
}

/** The project's renders and references, any of which can be read. */
export function ProjectPicker({ disabled, onPick }: { disabled: boolean; onPick: (source: PickRequest["source"]) => void }) {
  const t = useT();
  const iterations = useStudio((s) => s.iterations);
  const references = useReferences((s) => s.references);
  const renders = iterations.flatMap((iteration, i) => iteration.images.slice(0, 1).map((image) => ({ image, version: i + 1 })));
  if (renders.length === 0 && references.length === 0) return null;
  const thumb = "relative block size-12 overflow-hidden rounded-md border-2 border-transparent hover:border-line disabled:opacity-60";
  return (
    <div className="flex flex-col gap-1.5">
      <h3 className="text-xs font-semibold text-muted">{t("describe.fromProject")}</h3>
      <ul className="flex flex-wrap gap-1.5">
        {renders.map(({ image, version }) => (
          <li key={image.id}>
            <button type="button" className={thumb} disabled={disabled} aria-label={t("describe.pickRender", { n: version })} title={t("describe.pickRender", { n: version })} onClick={() => onPick({ kind: "render", imageId: image.id })}>
              {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed rendition */}
              <img src={`${image.url}?w=96`} alt="" width={48} height={48} className="size-full object-cover" />
            </button>
          </li>
        ))}
        {references.map((reference, i) => (
          <li key={reference.id}>
            <button type="button" className={thumb} disabled={disabled} aria-label={t("describe.pickReference", { n: i + 1 })} title={t("describe.pickReference", { n: i + 1 })} onClick={() => onPick({ kind: "reference", referenceId: reference.id })}>
              {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed rendition */}
              <img src={`${reference.url}?w=96`} alt="" width={48} height={48} className="size-full object-cover" />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Conversations about images saved with this project, newest first. */
export function ThreadList({ threads, activeId, onOpen }: { threads: ImageThreadView[]; activeId: string | null; onOpen: (id: string) => void }) {
  const t = useT();
  if (threads.length < 2) return null;
  const sourceName = { upload: t("describe.threadUpload"), render: t("describe.threadRender"), reference: t("describe.threadReference") } as const;
  return (
    <div className="flex flex-col gap-1.5">
      <h3 className="text-xs font-semibold text-muted">{t("describe.earlier")}</h3>
      <ul className="flex flex-col gap-1">
        {threads.map((thread) => {
          const name = thread.fileName ?? sourceName[thread.source];
          return (
            <li key={thread.id}>
              <button
                type="button"
                aria-current={thread.id === activeId}
                aria-label={t("describe.openThread", { name })}
                onClick={() => onOpen(thread.id)}
                className={`flex w-full items-center gap-2 rounded-md p-1 text-left text-xs ${thread.id === activeId ? "bg-sunken" : "hover:bg-sunken"}`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed rendition */}
                <img src={`${thread.url}?w=96`} alt="" width={32} height={32} className="size-8 shrink-0 rounded object-cover" />
                <span className="min-w-0 truncate">{name}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
