import "server-only";

/*
 * Every kind of work that runs on the job engine, and which worker pool runs it. A pool's
 * concurrency is a setting (LOUPE_RENDER_CONCURRENCY, LOUPE_UNDERSTANDING_CONCURRENCY), so the
 * provider calls of one kind can be sized apart from Claude's. Video renders (issue 20) and
 * image edits (issue 22) join as kinds of the render pool; their handlers live in handlers.ts.
 */
export const jobKinds = {
  /** Generate: one iteration of a prompt, every variant rendered and stored. */
  render: { pool: "render" },
  /** Critique every variant of an iteration that has none yet. */
  critique: { pool: "understanding" },
  /** One round of an auto-iterate run; it enqueues the next round itself, so a run survives the tab and a restart. */
  "auto-round": { pool: "render" },
} as const;

export type JobKind = keyof typeof jobKinds;
export type JobPool = (typeof jobKinds)[JobKind]["pool"];

export const allJobKinds = Object.keys(jobKinds) as JobKind[];
