import "server-only";
import { ancestorsOf, loadIteration, loadIterations, loadProjectIterations, type IterationWithMedia } from "@/lib/db/queries";
import type { Share } from "@/lib/db/schema";
import type { SharedIteration, SharedWork } from "@/lib/schemas/shared-work";
import { toIterationView } from "@/lib/workflows/iteration-view";

// A trail is a designer's session, not a crawl target: past this many steps the oldest are left out.
const MAX_TRAIL = 60;

/**
 * The URL a share page shows an image under: scoped to the link, so it is checked on every
 * request and stops when the link is revoked or expires (app/s/[token]/images). The owner's own
 * URL (/api/images/<key>) needs the owner's cookie, so a visitor who saw the page and noted the
 * content hash has nothing to fetch once the link is gone.
 */
export function sharedImageUrl({ token, key }: { token: string; key: string }): string {
  return `/s/${token}/images/${key}`;
}

/** The iterations an active share points at, or null when they are gone (e.g. deleted meanwhile). */
export async function loadSharedWork({ share, token }: { share: Share; token: string }): Promise<SharedWork | null> {
  const records = await sharedRecords(share);
  const last = records.at(-1);
  if (!last) return null;
  const shared = (record: IterationWithMedia) => toSharedIteration(record, { imageUrl: (key) => sharedImageUrl({ token, key }) });
  return {
    scope: share.scope,
    createdAt: share.createdAt.toISOString(),
    expiresAt: share.expiresAt?.toISOString() ?? null,
    featured: shared(last),
    earlier: records.slice(0, -1).map(shared),
  };
}

/** Every stored image a share shows: what its image URLs may serve. */
export function sharedImageKeys(work: SharedWork): Set<string> {
  return new Set([work.featured, ...work.earlier].flatMap((iteration) => iteration.variants.map((v) => v.image.key)));
}

/** The clips a link shows (a clip's poster is among its images): the only clips its video route serves. */
export function sharedVideoKeys(work: SharedWork): Set<string> {
  return new Set([work.featured, ...work.earlier].flatMap((iteration) => iteration.variants.flatMap((v) => (v.video ? [v.video.key] : []))));
}

/** A shared clip's URL: served for as long as the link is active, to anyone holding it. */
export function sharedVideoUrl({ token, key }: { token: string; key: string }): string {
  return `/s/${token}/videos/${key}`;
}

async function sharedRecords(share: Share): Promise<IterationWithMedia[]> {
  if (share.iterationId === null) {
    // A trail without an anchor is the whole project, oldest first.
    return (await loadProjectIterations({ projectId: share.projectId })).slice(-MAX_TRAIL);
  }
  const shared = await loadIteration({ iterationId: share.iterationId });
  if (!shared || shared.projectId !== share.projectId) return [];
  return share.scope === "trail" ? ancestorChain({ from: shared, projectId: share.projectId }) : [shared];
}

/** The shared iteration and its ancestors inside the project, oldest first: the path that led to it, not its siblings. */
async function ancestorChain({ from, projectId }: { from: IterationWithMedia; projectId: string }): Promise<IterationWithMedia[]> {
  const ancestors = await ancestorsOf({ iterationId: from.id, projectId, max: MAX_TRAIL - 1 });
  return [...(await loadIterations({ ids: ancestors.map((a) => a.id) })), from];
}

export function toSharedIteration(record: IterationWithMedia, { imageUrl }: { imageUrl: (key: string) => string }): SharedIteration {
  const view = toIterationView(record);
  const keyOf = new Map(record.images.map((image) => [image.id, image.storageKey]));
  const clipOf = new Map(record.images.flatMap((image) => (image.videoKey ? [[image.id, image.videoKey] as const] : [])));
  return {
    id: view.id,
    createdAt: view.createdAt,
    prompt: view.renderedPrompt,
    providerLabel: view.providerLabel,
    model: view.model,
    variants: view.images.map((image, i) => {
      const critique = view.critiques.find((c) => c.imageId === image.id);
      return {
        image: {
          key: keyOf.get(image.id) ?? "",
          url: imageUrl(keyOf.get(image.id) ?? ""),
          width: image.width,
          height: image.height,
          alt: altText({ prompt: view.renderedPrompt, index: i, count: view.images.length }),
        },
        critique: critique
          ? {
              overall: critique.result.overall,
              aspects: critique.result.aspects,
              summary: critique.result.summary,
              strengths: critique.result.strengths,
              issues: critique.result.issues.map(({ id, aspect, severity, problem, fix, ...rest }) => ({ id, aspect, severity, problem, fix, ...("at" in rest ? { at: rest.at } : {}) })),
              engine: critique.engine,
              model: critique.model,
            }
          : null,
        ...(image.video ? { video: { key: clipOf.get(image.id) ?? "", mediaType: image.video.mediaType, durationSeconds: image.video.durationSeconds } } : {}),
      };
    }),
  };
}

// The studio's alt text may quote the draft; a share page describes the image by the prompt it shows.
function altText({ prompt, index, count }: { prompt: string; index: number; count: number }): string {
  const subject = prompt.length > 160 ? `${prompt.slice(0, 157)}…` : prompt;
  return count > 1 ? `Variant ${index + 1} of ${count}, rendered from: ${subject}` : `Rendered from: ${subject}`;
}
