"use client";

import { useCallback, useRef, useState } from "react";
import type { PublicError } from "@/lib/errors";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import type { ImageView } from "@/lib/schemas/iteration";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useStudioFlow } from "@/components/studio/use-studio-flow";
import { MaskPainter, type MaskPainterHandle, type MaskTool } from "./mask-painter";

type MaskAnswer = { ok: true; value: { maskKey: string; share: number } } | { ok: false; error: PublicError };

/**
 * "Edit region": paint a mask on a render with a brush, an eraser and a size, write what should
 * change there, and Apply edit. The mask is checked and stored by /api/masks (empty, everything,
 * another shape are refused with a sentence), then the edit renders as a child of this render.
 */
export function EditRegionDialog({ open, onOpenChange, iterationId, image }: { open: boolean; onOpenChange: (open: boolean) => void; iterationId: string; image: ImageView }) {
  const t = useT();
  const locale = useLocale();
  const { editRegion } = useStudioFlow();
  const painter = useRef<MaskPainterHandle>(null);
  const [tool, setTool] = useState<MaskTool>("brush");
  const [size, setSize] = useState(() => Math.max(8, Math.round(Math.min(image.width, image.height) / 14)));
  const [coverage, setCoverage] = useState(0);
  const [instruction, setInstruction] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onCoverage = useCallback((share: number) => setCoverage(share), []);

  async function apply() {
    setError(null);
    if (coverage === 0) return setError(t("edit.emptyMask"));
    if (!instruction.trim()) return setError(t("edit.emptyInstruction"));
    setBusy(true);
    const blob = await painter.current?.toBlob();
    const form = new FormData();
    form.set("imageId", image.id);
    if (blob) form.set("mask", blob, "mask.png");
    const answer = await fetch("/api/masks", { method: "POST", body: form })
      .then((r) => r.json() as Promise<MaskAnswer>)
      .catch((): MaskAnswer => ({ ok: false, error: { code: "internal", message: t("edit.uploadLost"), retryable: true } }));
    setBusy(false);
    if (!answer.ok) return setError(errorText({ t, locale, error: answer.error }));
    onOpenChange(false);
    await editRegion({ iterationId, imageId: image.id, maskKey: answer.value.maskKey, instruction });
  }

  const toolbar = (
    <div role="radiogroup" aria-label={t("edit.tool")} className="flex rounded-lg border border-line p-0.5">
      {(["brush", "eraser"] as const).map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={tool === option}
          onClick={() => setTool(option)}
          className={`rounded-md px-2.5 py-1 text-xs ${tool === option ? "bg-ink text-paper" : "text-muted hover:text-ink"}`}
        >
          {option === "brush" ? t("edit.brush") : t("edit.eraser")}
        </button>
      ))}
    </div>
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t("edit.dialogTitle")} toolbar={toolbar} className="w-[min(760px,calc(100vw-2rem))]">
      <div className="flex flex-col gap-3">
        <MaskPainter ref={painter} image={image} tool={tool} size={size} onCoverage={onCoverage} />
        <p className="text-xs text-muted">{t("edit.canvasHint")}</p>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2 text-xs text-muted">
            {t("edit.size")}
            <input type="range" min={4} max={Math.max(64, Math.round(Math.min(image.width, image.height) / 3))} value={size} onChange={(e) => setSize(Number(e.target.value))} className="w-40 accent-accent" />
            <span className="w-10 tabular-nums text-ink" aria-hidden="true">
              {size}px
            </span>
          </label>
          <Button className="h-8 text-xs" onClick={() => painter.current?.clear()} disabled={busy || coverage === 0}>
            {t("edit.clear")}
          </Button>
          <span className="ml-auto text-xs text-muted tabular-nums" aria-live="polite">
            {t("edit.painted", { percent: formatShare(coverage) })}
          </span>
        </div>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("edit.instruction")}
          <textarea
            value={instruction}
            onChange={(e) => setInstruction(e.target.value)}
            rows={2}
            maxLength={4000}
            placeholder={t("edit.instructionPlaceholder")}
            className="rounded-lg border border-line bg-surface px-3 py-2 text-sm font-normal"
          />
        </label>
        {error ? (
          <p role="alert" className="rounded-lg border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad">
            {error}
          </p>
        ) : null}
        <Button variant="primary" className="h-10" onClick={() => void apply()} disabled={busy}>
          {t("edit.apply")}
        </Button>
      </div>
    </Dialog>
  );
}

function formatShare(share: number): string {
  const percent = share * 100;
  return percent > 0 && percent < 1 ? percent.toFixed(1) : String(Math.round(percent));
}
