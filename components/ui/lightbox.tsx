"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { Dialog } from "./dialog";

export type LightboxImage = { url: string; alt: string; width: number; height: number };

const zoomSteps = [1, 1.5, 2, 3, 4] as const;

/**
 * An image at full size, zoomable by buttons, keys (+, −, 0) or a click, pannable by scrolling,
 * dragging or the arrow keys. Built on the Dialog, so Escape closes it and focus comes back.
 */
export function Lightbox({
  images,
  index,
  onIndexChange,
  open,
  onOpenChange,
}: {
  images: LightboxImage[];
  index: number;
  onIndexChange: (index: number) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useT();
  const image = images[Math.min(index, images.length - 1)];
  // Every image opens fitted to the screen: a zoom belongs to the image it was set on.
  const view = `${index}:${open}`;
  const [zoomed, setZoomed] = useState({ view, step: 0 });
  const step = zoomed.view === view ? zoomed.step : 0;
  const setStep = (next: number | ((s: number) => number)) =>
    setZoomed((z) => ({ view, step: typeof next === "function" ? next(z.view === view ? z.step : 0) : next }));
  const zoom = zoomSteps[step] ?? 1;
  const many = images.length > 1;

  // +, − and 0 work wherever focus is in the viewer (a toolbar button, the image), not only on the image.
  useEffect(() => {
    if (!open) return;
    const move = (delta: number) =>
      setZoomed((z) => ({ view, step: Math.min(zoomSteps.length - 1, Math.max(0, (z.view === view ? z.step : 0) + delta)) }));
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof HTMLElement && event.target.closest("input, textarea, select, [contenteditable]")) return;
      if (event.key === "+" || event.key === "=") move(1);
      else if (event.key === "-" || event.key === "_") move(-1);
      else if (event.key === "0") setZoomed({ view, step: 0 });
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [open, view]);

  if (!image) return null;
  const go = (delta: number) => onIndexChange((index + delta + images.length) % images.length);
  const zoomBy = (delta: number) => setStep((s) => Math.min(zoomSteps.length - 1, Math.max(0, s + delta)));

  const toolbar = (
    <div className="flex items-center gap-1">
      {many ? (
        <>
          <ToolButton label={t("lightbox.previous")} onClick={() => go(-1)}>
            <path d="M10 3L5 8l5 5" />
          </ToolButton>
          <span className="min-w-14 text-center text-xs text-white/75 tabular-nums">{t("lightbox.position", { n: index + 1, total: images.length })}</span>
          <ToolButton label={t("lightbox.next")} onClick={() => go(1)}>
            <path d="M6 3l5 5-5 5" />
          </ToolButton>
          <span aria-hidden="true" className="mx-1 h-5 w-px bg-white/15" />
        </>
      ) : null}
      <ToolButton label={t("lightbox.zoomOut")} onClick={() => zoomBy(-1)} disabled={step === 0}>
        <path d="M3.5 8h9" />
      </ToolButton>
      <output aria-live="polite" className="min-w-12 text-center text-xs text-white/75 tabular-nums">
        {t("lightbox.zoomLevel", { percent: Math.round(zoom * 100) })}
      </output>
      <ToolButton label={t("lightbox.zoomIn")} onClick={() => zoomBy(1)} disabled={step === zoomSteps.length - 1}>
        <path d="M3.5 8h9M8 3.5v9" />
      </ToolButton>
      <ToolButton label={t("lightbox.fit")} onClick={() => setStep(0)} disabled={step === 0}>
        <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />
      </ToolButton>
    </div>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("lightbox.title")}
      description={<span className="line-clamp-1">{image.alt}</span>}
      toolbar={toolbar}
      tone="dark"
      className="h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-none"
      bodyClassName="relative"
    >
      <Stage
        key={image.url}
        image={image}
        zoom={zoom}
        onToggle={() => setStep((s) => (s === 0 ? 2 : 0))}
        hint={t("lightbox.hint")}
      />
    </Dialog>
  );
}

function Stage({
  image,
  zoom,
  onToggle,
  hint,
}: {
  image: LightboxImage;
  zoom: number;
  onToggle: () => void;
  hint: string;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 0, height: 0 });
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | null>(null);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setBox({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Zooming keeps the centre of the view where it was.
  const previousZoom = useRef(zoom);
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || previousZoom.current === zoom) return;
    const ratio = zoom / previousZoom.current;
    const cx = el.scrollLeft + el.clientWidth / 2;
    const cy = el.scrollTop + el.clientHeight / 2;
    el.scrollLeft = cx * ratio - el.clientWidth / 2;
    el.scrollTop = cy * ratio - el.clientHeight / 2;
    previousZoom.current = zoom;
  }, [zoom]);

  const padding = 24;
  const fit = box.width > 0 ? Math.min((box.width - padding * 2) / image.width, (box.height - padding * 2) / image.height, 1) : 0;
  const width = Math.max(1, Math.round(image.width * fit * zoom));
  const height = Math.max(1, Math.round(image.height * fit * zoom));

  return (
    <div
      ref={viewport}
      // Focusable so the arrow keys pan it.
      tabIndex={0}
      role="group"
      aria-roledescription="zoomable image"
      aria-label={image.alt}
      data-autofocus
      onPointerDown={(event) => {
        const el = viewport.current;
        if (!el) return;
        drag.current = { x: event.clientX, y: event.clientY, left: el.scrollLeft, top: el.scrollTop, moved: false };
      }}
      onPointerMove={(event) => {
        const el = viewport.current;
        const d = drag.current;
        if (!el || !d || event.buttons === 0) return;
        if (Math.abs(event.clientX - d.x) + Math.abs(event.clientY - d.y) > 4) d.moved = true;
        el.scrollLeft = d.left - (event.clientX - d.x);
        el.scrollTop = d.top - (event.clientY - d.y);
      }}
      onPointerUp={() => {
        if (drag.current && !drag.current.moved) onToggle();
        drag.current = null;
      }}
      className={`absolute inset-0 overflow-auto outline-none focus-visible:outline-2 focus-visible:-outline-offset-4 focus-visible:outline-[#8fb0ff] ${
        zoom > 1 ? "cursor-grab active:cursor-grabbing" : "cursor-zoom-in"
      }`}
    >
      <div className="grid min-h-full min-w-full place-items-center" style={{ padding, width: width + padding * 2, height: height + padding * 2 }}>
        {fit > 0 ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={image.url} alt={image.alt} width={width} height={height} draggable={false} className="block max-w-none rounded-sm select-none" style={{ width, height }} />
        ) : null}
      </div>
      <p aria-hidden="true" className="pointer-events-none fixed bottom-6 left-1/2 hidden -translate-x-1/2 rounded-full bg-black/60 px-3 py-1 text-2xs text-white/80 sm:block">
        {hint}
      </p>
    </div>
  );
}

function ToolButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className="inline-flex size-9 items-center justify-center rounded-lg text-white/85 transition hover:bg-white/10 hover:text-white focus-visible:outline-[#8fb0ff] disabled:opacity-35 disabled:hover:bg-transparent"
    >
      <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        {children}
      </svg>
    </button>
  );
}
