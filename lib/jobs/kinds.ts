import "server-only";
import { env } from "@/lib/env";

/*
 * Every kind of work that runs on the job engine, and which worker pool runs it. A pool's
 * concurrency is a setting (LOUPE_RENDER_CONCURRENCY, LOUPE_UNDERSTANDING_CONCURRENCY), so the
 * provider calls of one kind can be sized apart from Claude's. Image edits are renders (the
 * generate request carries the edit); their handlers live in handlers.ts.
 */
export const jobKinds = {
  /** Generate: one iteration of a prompt, every variant rendered and stored. */
  render: { pool: "render" },
  /** Critique every variant of an iteration that has none yet. */
  critique: { pool: "understanding" },
  /** One round of an auto-iterate run; it enqueues the next round itself, so a run survives the tab and a restart. */
  "auto-round": { pool: "render" },
  /** Output "Video" and Animate: one clip, which a provider may take minutes to make. */
  "video-render": { pool: "render" },
  /** Describe a reference the designer uploaded (its bytes already stored) and add it to the project. */
  "reference-description": { pool: "understanding" },
} as const;

export type JobKind = keyof typeof jobKinds;
export type JobPool = (typeof jobKinds)[JobKind]["pool"];

export const allJobKinds = Object.keys(jobKinds) as JobKind[];

/**
 * How long one job of a kind may run: the action deadline, except a clip's, which is the video
 * provider's timeout with room to store the clip. The engine expires (and retries) a job past it.
 */
export function jobDeadlineMs(kind: JobKind): number {
  return kind === "video-render" ? env().LOUPE_VIDEO_TIMEOUT_MS + 60_000 : env().LOUPE_ACTION_DEADLINE_MS;
}
