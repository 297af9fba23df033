"use client";

import { useEffect, useRef } from "react";
import type { ClipView } from "@/lib/schemas/iteration";

/** What a critique's time mark sends: play the clip from this second. */
export const SEEK_EVENT = "loupe:seek";

export function seekClip(seconds: number): void {
  window.dispatchEvent(new CustomEvent<number>(SEEK_EVENT, { detail: seconds }));
}

/**
 * A clip with the browser's own controls and its poster frame. The file is served with Range
 * requests, so seeking fetches only what it needs; a critique's time mark seeks it (SEEK_EVENT).
 */
export function ClipPlayer({ video, poster, label, width, height, listen = true }: { video: ClipView; poster: string; label: string; width: number; height: number; listen?: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!listen) return;
    const onSeek = (event: Event) => {
      const player = ref.current;
      const seconds = (event as CustomEvent<number>).detail;
      if (!player || !Number.isFinite(seconds)) return;
      player.currentTime = seconds;
      player.scrollIntoView({ block: "nearest", behavior: "smooth" });
      void player.play().catch(() => undefined);
    };
    window.addEventListener(SEEK_EVENT, onSeek);
    return () => window.removeEventListener(SEEK_EVENT, onSeek);
  }, [listen]);
  return (
    <video
      ref={ref}
      controls
      playsInline
      preload="metadata"
      poster={poster}
      aria-label={label}
      width={width}
      height={height}
      className="h-auto w-full bg-ink"
      style={{ aspectRatio: `${width} / ${height}` }}
    >
      <source src={video.url} type={video.mediaType} />
    </video>
  );
}
