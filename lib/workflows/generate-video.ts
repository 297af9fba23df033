import "server-only";
import type { Iteration } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import { estimateVideo } from "@/lib/generation/video";
import type { Deadline } from "@/lib/server/deadline";
import type { GenerateAnswer, generateVideoRequestSchema } from "@/lib/schemas/studio-requests";
import { readImage } from "@/lib/storage";
import { projectNameFromDraft } from "@/lib/studio/project-name";
import type { z } from "zod";
import { hashRequest, insertRowOrJoin, type Key } from "./generate";
import { loadOwnedIteration, projectFor, viewOf } from "./owned";
import { paidCall } from "./paid-call";
import { announceIteration } from "./progress";
import { renderVideoIntoIteration } from "./render-video-iteration";
import { stateOfKey, type KeyState } from "./replay";

type GenerateVideoInput = z.output<typeof generateVideoRequestSchema>;

/**
 * Output "Video": a new iteration holding one clip of the prompt, under the request's
 * idempotency key, exactly like generate() for stills — the clip's list price (price per second
 * × the length the model will make) is reserved against the day's budget before any row is
 * made. With `animateImageId` it is Animate: the clip starts from that still of the parent.
 */
export async function generateVideo({ ownerId, input, deadline }: { ownerId: string; input: GenerateVideoInput; deadline: Deadline }): Promise<GenerateAnswer> {
  const key: Key = { ownerId, key: input.idempotencyKey, requestHash: hashRequest(input) };
  const earlier = await stateOfKey({ ...key, allowRetry: true });
  if (earlier.kind === "answer") return earlier.value;
  const estimate = estimateVideo({ params: input.video, image: !!input.animateImageId });
  if (!estimate) throw new LoupeError("provider_unavailable", { message: `The video provider “${input.video.providerId}” is not configured on this server.` });
  const { value } = await paidCall({
    estimateUsd: estimate.usd,
    call: () => makeVideoIteration({ ownerId, input, earlier, key, deadline }),
    // A provider without a listed price keeps its estimate counted; a failed clip cost nothing.
    costOf: ({ clip }) => (clip ? (clip.costUsd ?? estimate.usd) : 0),
  });
  return value.answer;
}

async function makeVideoIteration({ ownerId, input, earlier, key, deadline }: { ownerId: string; input: GenerateVideoInput; earlier: Exclude<KeyState, { kind: "answer" }>; key: Key; deadline: Deadline }) {
  const project = earlier.kind === "retry" ? earlier.project : await projectFor({ ownerId, projectId: input.projectId, name: projectNameFromDraft(input.draft) });
  const parent = input.parentId ? await loadOwnedIteration({ ownerId, iterationId: input.parentId, projectId: project.id }) : null;
  // Read before the iteration exists, so a missing still fails the request rather than leaving a row generating.
  const still = input.animateImageId ? await stillToAnimate({ parent, imageId: input.animateImageId }) : undefined;
  const iteration: Iteration | GenerateAnswer =
    earlier.kind === "retry"
      ? earlier.iteration
      : await insertRowOrJoin({
          row: {
            projectId: project.id,
            ownerId,
            parentId: input.parentId,
            draft: input.draft,
            refinedPrompt: input.refinedPrompt,
            renderedPrompt: input.prompt,
            providerId: input.video.providerId,
            model: input.video.model ?? "",
            // The image params keep their shape (one variant, the clip's ratio where stills have it) for code that reads them.
            params: { providerId: input.video.providerId, aspectRatio: input.video.aspectRatio, n: 1 },
            mediaKind: "video",
            videoParams: input.video,
            sourceImageId: input.animateImageId ?? null,
            seed: input.video.seed ?? null,
            status: "generating",
            timings: {},
            idempotencyKey: input.idempotencyKey,
            requestHash: key.requestHash,
          },
          refineId: input.refineId,
          newProject: !input.projectId,
          key,
        });
  if ("project" in iteration) return { answer: iteration, clip: null };
  // The project's stream hears of the clip when it starts and when it is stored: other tabs, and this one after a reload.
  await announceIteration({ ownerId, iterationId: iteration.id });
  const clip = await renderVideoIntoIteration({ iterationId: iteration.id, idempotencyKey: input.idempotencyKey, prompt: input.prompt, params: input.video, image: still, timings: iteration.timings, deadline });
  await announceIteration({ ownerId, iterationId: iteration.id });
  return { answer: { iteration: await viewOf({ ownerId, iterationId: iteration.id }), project: { id: project.id, name: project.name } }, clip };
}

/** The still Animate starts from: an image (not a clip's poster) of the parent iteration. */
async function stillToAnimate({ parent, imageId }: { parent: Awaited<ReturnType<typeof loadOwnedIteration>> | null; imageId: string }) {
  const image = parent?.images.find((i) => i.id === imageId && !i.videoKey);
  if (!image) throw new LoupeError("not_found", { message: "That image was not found: Animate starts from an image of the version it belongs to." });
  const stored = await readImage(image.storageKey);
  if (!stored) throw new LoupeError("not_found", { message: "The stored image is missing." });
  return stored;
}
