import "server-only";
import {
  deleteIdempotencyRecordsBefore,
  deleteRefinesBefore,
  deleteSubjectSpendBefore,
  isStorageKeyReferenced,
  isVideoKeyReferenced,
  referencedStorageKeys,
  referencedVideoKeys,
  settleStaleIterations,
} from "@/lib/db/reliability-queries";
import { liveJobKeys } from "@/lib/db/job-queries";
import { deleteProjectEventsBefore } from "@/lib/db/event-queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { deleteImage, imageModifiedAt, listImageKeys } from "@/lib/storage";
import { videoStore } from "@/lib/storage/videos";

const renderError = () =>
  toPublicError(
    new LoupeError("internal", {
      message: "This render was interrupted (the server restarted or it ran past its deadline). Your prompt is kept: generate again.",
      retryable: true,
    }),
  );
const critiqueError = () =>
  toPublicError(new LoupeError("internal", { message: "The critique was interrupted. Retry it.", retryable: true }));

/** A reconnect comes within seconds, a reopened laptop within hours: a day of a project's events is kept for Last-Event-ID. */
const PROJECT_EVENTS_KEPT_MS = 24 * 3600_000;

export type SweepReport = { settled: number; orphansRemoved: number };

/**
 * Settles iterations whose last progress is older than `staleBefore`, and removes stored
 * files no row refers to once they are older than `orphanGraceMs`. The grace period covers a
 * render between "bytes stored" and "row inserted"; each candidate is checked again just
 * before it is deleted, and re-storing the same bytes restarts its clock (lib/storage).
 */
export async function sweep({ staleBefore, orphanGraceMs }: { staleBefore: Date; orphanGraceMs: number }): Promise<SweepReport> {
  const settled = await settleInterrupted({ before: staleBefore });
  const orphansRemoved = (await sweepOrphans({ kept: images, graceMs: orphanGraceMs })) + (await sweepOrphans({ kept: clips(), graceMs: orphanGraceMs }));
  // A client retries a key for minutes, and renders a refined prompt within the hour, not days: older records only take space.
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600_000);
  await deleteIdempotencyRecordsBefore(weekAgo);
  await deleteRefinesBefore(weekAgo);
  await deleteProjectEventsBefore(new Date(Date.now() - PROJECT_EVENTS_KEPT_MS));
  // Per-client budgets count one UTC day; yesterday's rows are kept for a day in case a clock is behind.
  await deleteSubjectSpendBefore(new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 10));
  return { settled, orphansRemoved };
}

/**
 * Settles iterations left unfinished whose job the engine no longer holds (its retries ran out,
 * or it was made before jobs): an iteration whose job is still queued, retrying or running is
 * that job's to finish.
 */
export async function settleInterrupted({ before }: { before: Date }): Promise<number> {
  return settleStaleIterations({ before, liveKeys: await liveJobKeys(), renderError: renderError(), critiqueError: critiqueError() });
}

type Kept = {
  list: () => Promise<string[]>;
  referenced: () => Promise<Set<string>>;
  modifiedAt: (key: string) => Promise<Date | null>;
  isReferenced: (key: string) => Promise<boolean>;
  remove: (key: string) => Promise<void>;
};

/** Images no row refers to (renders, posters, references, described images, masks). */
const images: Kept = { list: listImageKeys, referenced: referencedStorageKeys, modifiedAt: imageModifiedAt, isReferenced: isStorageKeyReferenced, remove: deleteImage };

/**
 * Clips no row refers to — a render's clip whose row went with its project, a described upload
 * whose thread was deleted. Their posters are images, swept with those.
 */
const clips = (): Kept => {
  const store = videoStore();
  return { list: store.list, referenced: referencedVideoKeys, modifiedAt: store.modifiedAt, isReferenced: isVideoKeyReferenced, remove: store.delete };
};

/** Stored files no row refers to, past the grace period, each checked again just before its delete. */
async function sweepOrphans({ kept, graceMs }: { kept: Kept; graceMs: number }): Promise<number> {
  const [stored, referenced] = await Promise.all([kept.list(), kept.referenced()]);
  const cutoff = Date.now() - graceMs;
  let removed = 0;
  for (const key of stored) {
    if (referenced.has(key)) continue;
    const modified = await kept.modifiedAt(key);
    if (!modified || modified.getTime() > cutoff) continue;
    if (await kept.isReferenced(key)) continue;
    await kept.remove(key);
    removed += 1;
  }
  return removed;
}
