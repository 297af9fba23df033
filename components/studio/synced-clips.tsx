"use client";

import { useEffect, useRef } from "react";
import type { IterationView } from "@/lib/schemas/iteration";

/**
 * Two clips side by side that play as one: play, pause and seek on either is mirrored on the
 * other, so the same moment of both is on screen at once (for clips of different lengths the
 * shorter one holds its last frame).
 */
export function SyncedClips({ iterations, captions }: { iterations: [IterationView, IterationView]; captions: [string, string] }) {
  const first = useRef<HTMLVideoElement>(null);
  const second = useRef<HTMLVideoElement>(null);
  const refs = [first, second] as const;
  useEffect(() => {
    const [a, b] = [first.current, second.current];
    if (!a || !b) return;
    const mirror = (from: HTMLVideoElement, to: HTMLVideoElement) => {
      const onPlay = () => void (to.paused ? to.play().catch(() => undefined) : undefined);
      const onPause = () => (to.paused ? undefined : to.pause());
      const onSeeked = () => {
        // Only a real jump is mirrored, so the two seeks do not chase each other.
        if (Math.abs(to.currentTime - from.currentTime) > 0.25) to.currentTime = Math.min(from.currentTime, to.duration || from.currentTime);
      };
      from.addEventListener("play", onPlay);
      from.addEventListener("pause", onPause);
      from.addEventListener("seeked", onSeeked);
      return () => {
        from.removeEventListener("play", onPlay);
        from.removeEventListener("pause", onPause);
        from.removeEventListener("seeked", onSeeked);
      };
    };
    const undo = [mirror(a, b), mirror(b, a)];
    return () => undo.forEach((f) => f());
  }, []);
  return (
    <div className="grid grid-cols-2 gap-4" data-testid="synced-clips">
      {iterations.map((iteration, i) => {
        const clip = iteration.images[0]!;
        return (
          <figure key={iteration.id} className="flex flex-col gap-2">
            <video ref={refs[i]} controls muted playsInline preload="metadata" poster={clip.url} aria-label={clip.alt} className="w-full rounded-lg border border-line bg-ink">
              <source src={clip.video!.url} type={clip.video!.mediaType} />
            </video>
            <figcaption className="text-xs text-muted">{captions[i]}</figcaption>
          </figure>
        );
      })}
    </div>
  );
}
