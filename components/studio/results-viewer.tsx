"use client";

import { useState } from "react";
import { Lightbox, type LightboxImage } from "@/components/ui/lightbox";
import { useT } from "@/lib/i18n/client";
import type { IterationView } from "@/lib/schemas/iteration";
import type { Translate } from "@/lib/i18n";
import { useCurrentIteration } from "./current-iteration";

/**
 * Opens a result image in the zoomable viewer instead of a new tab. It listens around the results
 * (a click or Enter on an image or the link wrapping it), so the results layout stays its own.
 */
export function ResultsViewer({ children }: { children: React.ReactNode }) {
  const iteration = useCurrentIteration();
  const [index, setIndex] = useState<number | null>(null);
  const t = useT();
  const images = iteration ? viewerImages(iteration, t) : [];

  const onClick = (event: React.MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || !iteration) return;
    const target = event.target as Element;
    const trigger = target.closest("a[href]") ?? (target instanceof HTMLImageElement ? target : null);
    if (!trigger) return;
    const url = trigger instanceof HTMLAnchorElement ? new URL(trigger.href).pathname : trigger.getAttribute("src");
    const at = iteration.images.findIndex((image) => image.url === url);
    if (at < 0) return;
    event.preventDefault();
    setIndex(at);
  };

  return (
    <div className="contents" onClick={onClick}>
      {children}
      {images.length > 0 ? (
        <Lightbox
          images={images}
          index={index ?? 0}
          onIndexChange={setIndex}
          open={index !== null}
          onOpenChange={(open) => !open && setIndex(null)}
        />
      ) : null}
    </div>
  );
}

/** Alt text from the critique of each image when there is one — it says what the image shows — else its prompt. */
function viewerImages(iteration: IterationView, t: Translate): LightboxImage[] {
  const many = iteration.images.length > 1;
  return iteration.images.map((image, i) => {
    const summary = iteration.critiques.find((c) => c.imageId === image.id)?.result.summary;
    const text = summary ? `${clip(iteration.renderedPrompt, 120)} — ${clip(summary, 200)}` : image.alt;
    return { url: image.url, width: image.width, height: image.height, alt: many ? t("results.altVariant", { n: i + 1, text }) : text };
  });
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
