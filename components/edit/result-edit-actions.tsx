"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import type { ImageView, IterationView } from "@/lib/schemas/iteration";
import { Button } from "@/components/ui/button";
import { useOpenedOnce } from "@/components/ui/modal";
import { useReferences } from "@/components/studio/studio-context";
import { useStudio, useStudioStore } from "@/components/studio/studio-context";

// The painter loads when it is first opened, not with the studio.
const EditRegionDialog = dynamic(() => import("./edit-region-dialog").then((m) => m.EditRegionDialog));

/** On each result: continue from it as the next render's input, or paint a region of it to change. */
export function ResultEditActions({ iteration, image }: { iteration: IterationView; image: ImageView }) {
  const t = useT();
  const store = useStudioStore();
  const stage = useStudio((s) => s.stage);
  const input = useReferences((s) => s.input);
  const setInput = useReferences((s) => s.setInput);
  const [painting, setPainting] = useState(false);
  const mounted = useOpenedOnce(painting);
  const inUse = input?.imageId === image.id;
  return (
    <>
      <Button
        className="h-7 px-2.5 text-xs"
        aria-pressed={inUse}
        disabled={stage !== "idle"}
        onClick={() => {
          setInput(inUse ? null : { imageId: image.id, url: image.url, alt: image.alt, iterationId: iteration.id });
          if (!inUse) store.getState().announce(t("edit.inputSet"));
        }}
      >
        {t("edit.useAsInput")}
      </Button>
      <Button className="h-7 px-2.5 text-xs" disabled={stage !== "idle"} onClick={() => setPainting(true)}>
        {t("edit.editRegion")}
      </Button>
      {mounted ? <EditRegionDialog open={painting} onOpenChange={setPainting} iterationId={iteration.id} image={image} /> : null}
    </>
  );
}
