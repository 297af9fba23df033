import "server-only";
import { getImageThread } from "@/lib/db/thread-queries";
import { insertReferenceImage, listReferenceImages } from "@/lib/db/queries";
import { LoupeError } from "@/lib/errors";
import type { ReferenceView } from "@/lib/schemas/reference";
import { readImage } from "@/lib/storage";
import { getUnderstandingEngine } from "@/lib/understanding";
import { understandingCall } from "../paid-call";
import { toReferenceView } from "../reference-view";

/**
 * "Use as reference": the described image joins the project's references. A reference needs the
 * description that steers renders (subject, style, palette…), which the summary is not, so the
 * engine writes one — unless the project already holds this image as a reference.
 */
export async function threadAsReference({ ownerId, threadId, signal }: { ownerId: string; threadId: string; signal: AbortSignal }): Promise<ReferenceView> {
  const thread = await getImageThread({ ownerId, threadId });
  if (!thread) throw new LoupeError("not_found", { message: "That image conversation was not found." });
  const existing = (await listReferenceImages({ projectId: thread.projectId })).find((r) => r.storageKey === thread.storageKey);
  if (existing) return toReferenceView(existing);
  const image = await readImage(thread.storageKey);
  if (!image) throw new LoupeError("not_found", { message: "The image file is missing; describe it again." });
  const engine = getUnderstandingEngine();
  const { value: described, costUsd } = await understandingCall({ engine, call: "describe", texts: [], images: 1, run: () => engine.describe({ image, signal }) });
  const row = await insertReferenceImage({
    projectId: thread.projectId,
    ownerId,
    storageKey: thread.storageKey,
    sha256: thread.sha256,
    width: thread.width,
    height: thread.height,
    mediaType: thread.mediaType,
    bytes: thread.bytes,
    description: described.description,
    engine: engine.info.kind,
    model: described.model,
    usage: described.usage,
    costUsd,
  });
  return toReferenceView(row);
}
