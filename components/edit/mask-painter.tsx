"use client";

import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";

export type MaskTool = "brush" | "eraser";
type Point = { x: number; y: number };

/** What the dialog asks of the painter: the mask as the server reads it, and a fresh start. */
export type MaskPainterHandle = { toBlob(): Promise<Blob | null>; clear(): void };

// Painted pixels are opaque on a transparent canvas: the form lib/images/mask.ts reads. The
// canvas is shown at half opacity over the image, so the colour is only what the designer sees.
const PAINT = "rgb(239, 68, 68)";

/**
 * A mask painted over an image at the image's own size, with pointer events (mouse, touch and
 * pen alike) and the keyboard: the arrow keys move a cursor (Shift for bigger steps) and Space
 * paints where it is, drawing a line while held. `onCoverage` hears the painted share after
 * each stroke.
 */
export const MaskPainter = forwardRef<MaskPainterHandle, { image: { url: string; width: number; height: number; alt: string }; tool: MaskTool; size: number; onCoverage: (share: number) => void }>(
  function MaskPainter({ image, tool, size, onCoverage }, ref) {
    const t = useT();
    const canvas = useRef<HTMLCanvasElement>(null);
    const last = useRef<Point | null>(null);
    const [cursor, setCursor] = useState<Point>({ x: image.width / 2, y: image.height / 2 });
    const [showCursor, setShowCursor] = useState(false);
    const spaceDown = useRef(false);

    const context = () => canvas.current?.getContext("2d", { willReadFrequently: true }) ?? null;

    const measure = useCallback(() => {
      const ctx = context();
      if (!ctx) return;
      const { data } = ctx.getImageData(0, 0, image.width, image.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! >= 128) painted++;
      onCoverage(painted / (image.width * image.height));
    }, [image.width, image.height, onCoverage]);

    const stroke = useCallback(
      (from: Point, to: Point) => {
        const ctx = context();
        if (!ctx) return;
        ctx.globalCompositeOperation = tool === "eraser" ? "destination-out" : "source-over";
        ctx.strokeStyle = PAINT;
        ctx.fillStyle = PAINT;
        ctx.lineWidth = size;
        ctx.lineCap = "round";
        ctx.lineJoin = "round";
        ctx.beginPath();
        ctx.moveTo(from.x, from.y);
        ctx.lineTo(to.x, to.y);
        ctx.stroke();
        // A dot (from = to) still paints a full circle.
        ctx.beginPath();
        ctx.arc(to.x, to.y, size / 2, 0, Math.PI * 2);
        ctx.fill();
      },
      [tool, size],
    );

    useImperativeHandle(ref, () => ({
      toBlob: () => new Promise((resolve) => (canvas.current ? canvas.current.toBlob(resolve, "image/png") : resolve(null))),
      clear: () => {
        context()?.clearRect(0, 0, image.width, image.height);
        onCoverage(0);
      },
    }));

    useEffect(() => onCoverage(0), [onCoverage]);

    /** Where a pointer is, in the image's pixels (the canvas is shown scaled). */
    const pointOf = (event: React.PointerEvent<HTMLCanvasElement>): Point => {
      const rect = event.currentTarget.getBoundingClientRect();
      return { x: ((event.clientX - rect.left) * image.width) / rect.width, y: ((event.clientY - rect.top) * image.height) / rect.height };
    };

    const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
      if (event.button !== 0) return;
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      const point = pointOf(event);
      last.current = point;
      setCursor(point);
      stroke(point, point);
    };
    const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
      const point = pointOf(event);
      setCursor(point);
      setShowCursor(true);
      if (!last.current) return;
      stroke(last.current, point);
      last.current = point;
    };
    const onPointerUp = () => {
      if (!last.current) return;
      last.current = null;
      measure();
    };

    const onKeyDown = (event: React.KeyboardEvent<HTMLCanvasElement>) => {
      const step = Math.max(4, Math.round(size / 2)) * (event.shiftKey ? 4 : 1);
      const moves: Record<string, Point> = { ArrowLeft: { x: -step, y: 0 }, ArrowRight: { x: step, y: 0 }, ArrowUp: { x: 0, y: -step }, ArrowDown: { x: 0, y: step } };
      const move = moves[event.key];
      if (move) {
        event.preventDefault();
        const next = { x: clamp(cursor.x + move.x, 0, image.width - 1), y: clamp(cursor.y + move.y, 0, image.height - 1) };
        if (spaceDown.current) stroke(cursor, next);
        setCursor(next);
        return;
      }
      if (event.key === " ") {
        event.preventDefault();
        if (event.repeat) return;
        spaceDown.current = true;
        stroke(cursor, cursor);
      }
    };
    const onKeyUp = (event: React.KeyboardEvent<HTMLCanvasElement>) => {
      if (event.key !== " " || !spaceDown.current) return;
      spaceDown.current = false;
      measure();
    };

    return (
      <div className="relative mx-auto w-full max-w-[640px] overflow-hidden rounded-lg border border-line bg-sunken" style={{ aspectRatio: `${image.width} / ${image.height}` }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed render */}
        <img src={`${image.url}?w=1024`} alt={image.alt} className="absolute inset-0 size-full select-none" draggable={false} />
        <canvas
          ref={canvas}
          width={image.width}
          height={image.height}
          role="application"
          aria-label={t("edit.canvas")}
          aria-roledescription={t("edit.canvas")}
          aria-describedby="mask-painter-hint"
          aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Space"
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onPointerLeave={() => setShowCursor(false)}
          onFocus={() => setShowCursor(true)}
          onBlur={() => {
            setShowCursor(false);
            if (spaceDown.current) onKeyUp({ key: " " } as React.KeyboardEvent<HTMLCanvasElement>);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={onKeyUp}
          className="absolute inset-0 size-full cursor-crosshair opacity-50 outline-none focus-visible:ring-4 focus-visible:ring-accent"
          style={{ touchAction: "none" }}
        />
        {showCursor ? (
          <span
            aria-hidden="true"
            className="pointer-events-none absolute rounded-full border-2 border-paper shadow-[0_0_0_1px_rgba(0,0,0,0.6)]"
            style={{
              left: `${(cursor.x / image.width) * 100}%`,
              top: `${(cursor.y / image.height) * 100}%`,
              width: `${(size / image.width) * 100}%`,
              aspectRatio: "1",
              transform: "translate(-50%, -50%)",
            }}
          />
        ) : null}
        <p id="mask-painter-hint" className="sr-only">
          {t("edit.canvasHint")}
        </p>
      </div>
    );
  },
);

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
