import "server-only";
import { writingTarget } from "./explore/target";
import { ancestorsOf, insertCritique, updateIteration } from "@/lib/db/queries";
import type { CritiqueRow, Image } from "@/lib/db/schema";
import { LoupeError, toPublicError } from "@/lib/errors";
import type { Usage } from "@/lib/schemas/critique";
import type { IterationView } from "@/lib/schemas/iteration";
import type { Deadline } from "@/lib/server/deadline";
import { readImage, readRendition } from "@/lib/storage";
import { withVideoFile } from "@/lib/storage/videos";
import { getUnderstandingEngine, readVideo, type CritiqueImage, type CritiqueInput, type TargetModel, type UnderstandingEngine } from "@/lib/understanding";
import { toIterationView, type IterationRecord } from "./iteration-view";
import { loadOwnedIteration, viewOf } from "./owned";
import { understandingCall } from "./paid-call";
import { announceIteration } from "./progress";
import { referenceForCritique } from "./reference";
import { critiqueExtraImages, editForCritique, type EditForCritique } from "./edit/critique-edit";

/** How many earlier prompts of the iteration's line the critique is told about, so its advice does not repeat. */
const MAX_PREVIOUS_ATTEMPTS = 8;
const MAX_ANCESTORS = 5;

/**
 * Critiques every variant of the owner's iteration that has no critique yet, concurrently: the
 * wait is the slowest critique, not the sum. A failure keeps the image; the iteration's error
 * says what happened and the studio offers Retry.
 */
export async function critique({ ownerId, iterationId, alsoTried = [], language, deadline }: { ownerId: string; iterationId: string; alsoTried?: string[]; language: CritiqueInput["language"]; deadline: Deadline }): Promise<IterationView> {
  const record = await loadOwnedIteration({ ownerId, iterationId });
  if (record.images.length === 0) throw new LoupeError("not_found", { message: "There is no image to critique yet." });
  const engine = getUnderstandingEngine();
  const ancestors = await ancestorsOf({ iterationId: record.id, projectId: record.projectId, max: MAX_ANCESTORS });
  const previousAttempts = [...new Set([...alsoTried, ...ancestors.map((a) => a.renderedPrompt)])].filter((p) => p !== record.renderedPrompt).slice(-MAX_PREVIOUS_ATTEMPTS);
  const reference = await referenceForCritique({ ownerId, referenceId: record.referenceId });
  const target = await writingTarget({ ownerId, projectId: record.projectId, providerId: record.providerId, model: record.model });
  // An edit is judged on its region and outside it; a moodboard reference by its role.
  const edited = await editForCritique({ ownerId, iteration: record });
  const started = performance.now();
  const pending = record.images.filter((image) => !record.critiques.some((c) => c.imageId === image.id));
  try {
    // Every variant's call ends (and its cost is recorded) before the action answers, even when one fails.
    const outcomes = await Promise.allSettled(pending.map((image) => (image.videoKey ? critiqueClip : critiqueImage)({ engine, record, image, previousAttempts, reference, edited, language, target, signal: deadline.signal })));
    const failed = outcomes.find((o) => o.status === "rejected");
    if (failed) throw failed.reason;
    const updated = await updateIteration({
      id: record.id,
      patch: { status: "done", error: null, timings: { ...record.timings, critiqueMs: Math.round(performance.now() - started) } },
    });
    // The iteration was read once, at the start: its answer is that read plus what was written since.
    const written = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    if (updated) {
      // The stream tells every tab (and, on PostgreSQL, every instance) of the critique, not only the requester.
      const view = toIterationView({ ...updated, images: record.images, critiques: inCritiqueOrder([...record.critiques, ...written]) });
      await announceIteration({ ownerId, iterationId: record.id, view });
      return view;
    }
  } catch (error) {
    // The image stays; the Critique region says what happened and offers Retry.
    await updateIteration({ id: record.id, patch: { status: "done", error: toPublicError(deadline.explain(error)) } });
  }
  await announceIteration({ ownerId, iterationId: record.id });
  return viewOf({ ownerId, iterationId: record.id });
}

/** As the loaders order them (lib/db/queries: created, then id). */
function inCritiqueOrder(rows: CritiqueRow[]): CritiqueRow[] {
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * What the engine looks at. Claude gets the 1024 px WebP rendition the studio shows the
 * designer (made once after the render, kept in storage): the pixels the designer judges, below
 * Claude's ~1568 px useful size, and a body of tens of kB instead of the ~3 MB original as
 * base64 JSON. The Offline engine measures the stored original's exact pixels, as before.
 */
async function imageFor({ engine, image }: { engine: UnderstandingEngine; image: Image }): Promise<CritiqueImage> {
  if (engine.info.kind === "claude") {
    const bytes = await readRendition({ key: image.storageKey, width: 1024, format: "webp" });
    if (bytes) return { bytes, mediaType: "image/webp" };
  }
  const stored = await readImage(image.storageKey);
  if (!stored) throw new LoupeError("not_found", { message: "The stored image is missing." });
  return stored;
}

type CritiqueOne = {
  engine: UnderstandingEngine;
  record: IterationRecord;
  image: Image;
  previousAttempts: string[];
  reference: CritiqueInput["reference"];
  edited: EditForCritique;
  language: CritiqueInput["language"];
  /** The rendering model's prompt style and the project's notes on it. */
  target: TargetModel;
  signal: AbortSignal;
};

/**
 * A clip's critique: its frames (labelled with their times), audio and any transcript, read from
 * the stored file, go to the engine in one call; the issues come back with time marks.
 */
async function critiqueClip(input: CritiqueOne): Promise<CritiqueRow> {
  const { engine, record, image, previousAttempts } = input;
  const video = await withVideoFile({ key: image.videoKey! }, (path) => readVideo({ path, signal: input.signal }));
  const started = performance.now();
  const { value: out, costUsd } = await understandingCall({
    engine,
    call: "critique",
    texts: [record.renderedPrompt, record.draft, ...previousAttempts, video.transcript?.text],
    images: video.frames.length,
    run: () => engine.critiqueVideo({ video, prompt: record.renderedPrompt, draft: record.draft, previousAttempts, language: input.language, signal: input.signal }),
  });
  return saveCritique({ iterationId: record.id, imageId: image.id, engine: engine.info.kind, answer: out, costUsd, ms: Math.round(performance.now() - started) });
}

/** One variant's critique, stored the moment it is written with what it cost. */
async function critiqueImage(input: CritiqueOne): Promise<CritiqueRow> {
  const { engine, record, image, previousAttempts, reference, edited } = input;
  const stored = await imageFor({ engine, image });
  const started = performance.now();
  const { value: out, costUsd } = await understandingCall({
    engine,
    call: "critique",
    texts: [record.renderedPrompt, record.draft, ...previousAttempts],
    images: (reference ? 2 : 1) + critiqueExtraImages(edited),
    run: () => engine.critique({ ...input.target, image: stored, prompt: record.renderedPrompt, draft: record.draft, previousAttempts, reference, ...edited, language: input.language, signal: input.signal }),
  });
  return saveCritique({ iterationId: record.id, imageId: image.id, engine: engine.info.kind, answer: out, costUsd, ms: Math.round(performance.now() - started) });
}

/** One image's critique as stored: the engine's answer, its tokens and what it cost. Every critique path writes through here. */
export function saveCritique(input: {
  iterationId: string;
  imageId: string;
  engine: UnderstandingEngine["info"]["kind"];
  answer: { critique: CritiqueRow["result"]; model: string; usage: Usage };
  costUsd: number;
  ms: number;
}): Promise<CritiqueRow> {
  const { answer } = input;
  return insertCritique({
    iterationId: input.iterationId,
    imageId: input.imageId,
    result: answer.critique,
    engine: input.engine,
    model: answer.model,
    inputTokens: answer.usage.inputTokens,
    outputTokens: answer.usage.outputTokens,
    cachedTokens: answer.usage.cachedTokens,
    costUsd: input.costUsd,
    ms: input.ms,
  });
}
