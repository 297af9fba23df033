"use client";

import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { useReferences } from "@/components/studio/studio-context";
import { useStudio } from "@/components/studio/studio-context";

/** The render the next Generate continues from, shown beside the controls until it is removed. */
export function InputImageCard() {
  const t = useT();
  const input = useReferences((s) => s.input);
  const setInput = useReferences((s) => s.setInput);
  const stage = useStudio((s) => s.stage);
  if (!input) return null;
  return (
    <section aria-label={t("edit.inputLabel")} className="flex items-center gap-2.5 rounded-lg border border-accent/40 bg-accent/5 p-2 text-xs">
      {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed rendition */}
      <img src={`${input.url}?w=96`} alt={t("edit.inputImage")} width={40} height={40} className="size-10 shrink-0 rounded-md object-cover" />
      <p className="min-w-0 flex-1 text-muted">{t("edit.inputHint")}</p>
      <Button className="h-7 px-2.5 text-xs" disabled={stage !== "idle"} onClick={() => setInput(null)}>
        {t("edit.removeInput")}
      </Button>
    </section>
  );
}
