import "server-only";
import type { CritiqueRow, Image, Iteration } from "@/lib/db/schema";
import { listProviders } from "@/lib/generation";
import type { Usage } from "@/lib/schemas/critique";
import type { CritiqueView, ImageView, IterationCost, IterationView } from "@/lib/schemas/iteration";
import { bestImageId } from "@/lib/studio/variants";
import { videoMediaTypeOfKey } from "@/lib/storage/videos";

export type IterationRecord = Iteration & { images: Image[]; critiques: CritiqueRow[] };

export function imageUrl(storageKey: string): string {
  return `/api/images/${storageKey}`;
}

export function videoUrl(videoKey: string): string {
  return `/api/videos/${videoKey}`;
}

function clipOf(image: Image): ImageView["video"] {
  if (!image.videoKey) return undefined;
  return {
    url: videoUrl(image.videoKey),
    mediaType: videoMediaTypeOfKey(image.videoKey),
    durationSeconds: (image.durationMs ?? 0) / 1000,
    bytes: image.videoBytes ?? 0,
    hasAudio: image.hasAudio ?? false,
  };
}

/**
 * Rows → the plain view the browser gets. A "done" iteration that still carries an error
 * rendered fine but could not be critiqued; a "failed" one never rendered.
 */
export function toIterationView(record: IterationRecord): IterationView {
  const images = [...record.images].sort((a, b) => a.position - b.position);
  const critiqueFailed = record.status !== "failed" && record.error !== null && record.critiques.length === 0;
  const labels = new Map(listProviders().map((p) => [p.id, p.label]));
  return {
    id: record.id,
    projectId: record.projectId,
    parentId: record.parentId,
    createdAt: record.createdAt.toISOString(),
    draft: record.draft,
    refinedPrompt: record.refinedPrompt,
    renderedPrompt: record.renderedPrompt,
    params: record.params,
    mediaKind: record.mediaKind,
    videoParams: record.videoParams,
    sourceImageId: record.sourceImageId,
    providerId: record.providerId,
    providerLabel: labels.get(record.providerId) ?? record.providerId,
    model: record.model,
    seed: record.seed,
    status: record.status,
    error: record.status === "failed" ? record.error : null,
    notes: record.notes,
    timings: record.timings,
    refineUsage: record.refineUsage,
    cost: iterationCost(record),
    referenceId: record.referenceId,
    edit: editView(record),
    moodboard: record.moodboard,
    images: images.map((image) => toImageView({ image, prompt: record.draft, count: images.length, labels })),
    critiques: images.flatMap((image) => {
      const row = record.critiques.find((c) => c.imageId === image.id);
      return row ? [toCritiqueView(row)] : [];
    }),
    critiqueError: critiqueFailed ? record.error : null,
    ...variantFacts(record),
  };
}

function editView(record: IterationRecord): IterationView["edit"] {
  if (!record.editKind) return null;
  return {
    kind: record.editKind,
    inputImageId: record.inputImageId,
    inputUrl: record.inputStorageKey ? imageUrl(record.inputStorageKey) : null,
    maskUrl: record.maskStorageKey ? imageUrl(record.maskStorageKey) : null,
    maskKey: record.maskStorageKey,
  };
}

function variantFacts(record: IterationRecord): Pick<IterationView, "bestImageId" | "selectedImageId" | "routeReason" | "cancelled"> {
  const selected = record.images.some((i) => i.id === record.selectedImageId) ? record.selectedImageId : null;
  const requested = record.params.compare?.length ?? record.params.n;
  return {
    bestImageId: bestImageId(record.critiques, record.images),
    selectedImageId: selected,
    routeReason: record.routeReason,
    cancelled: record.cancelledAt ? { kept: record.images.length, requested: Math.max(requested, record.images.length) } : null,
  };
}

function toImageView({ image, prompt, count, labels }: { image: Image; prompt: string; count: number; labels: Map<string, string> }): ImageView {
  const subject = prompt.length > 160 ? `${prompt.slice(0, 157)}…` : prompt;
  return {
    id: image.id,
    url: imageUrl(image.storageKey),
    width: image.width,
    height: image.height,
    mediaType: image.mediaType,
    alt: image.videoKey ? `Clip of: ${subject}` : count > 1 ? `Variant ${image.position + 1} of ${count}: ${subject}` : `Render of: ${subject}`,
    ...(image.videoKey ? { video: clipOf(image) } : {}),
    ...(image.providerRevisedPrompt ? { providerRevisedPrompt: image.providerRevisedPrompt } : {}),
    ...(image.providerId
      ? { source: { providerId: image.providerId, providerLabel: labels.get(image.providerId) ?? image.providerId, model: image.model ?? "", seed: image.seed, ms: image.ms, costUsd: image.costUsd } }
      : {}),
  };
}

function toCritiqueView(row: CritiqueRow): CritiqueView {
  return {
    imageId: row.imageId,
    result: row.result,
    engine: row.engine,
    model: row.model,
    usage: { inputTokens: row.inputTokens, outputTokens: row.outputTokens, cachedTokens: row.cachedTokens },
    costUsd: row.costUsd,
    ms: row.ms,
  };
}

function iterationCost(record: IterationRecord): IterationCost {
  const critiqueUsd = record.critiques.reduce((sum, c) => sum + c.costUsd, 0);
  const usages = [record.refineUsage, record.reviseUsage, ...record.critiques.map((c) => ({ inputTokens: c.inputTokens, outputTokens: c.outputTokens, cachedTokens: c.cachedTokens }))];
  const tokens = usages.reduce<Usage>(
    (sum, u) => (u ? { inputTokens: sum.inputTokens + u.inputTokens, outputTokens: sum.outputTokens + u.outputTokens, cachedTokens: sum.cachedTokens + u.cachedTokens } : sum),
    { inputTokens: 0, outputTokens: 0, cachedTokens: 0 },
  );
  const parts = { refineUsd: record.refineCostUsd, imageUsd: record.imageCostUsd, critiqueUsd, reviseUsd: record.reviseCostUsd };
  // Summed in millionths so a long project's total shows no float noise.
  const totalUsd = Math.round((parts.refineUsd + parts.imageUsd + parts.critiqueUsd + parts.reviseUsd) * 1_000_000) / 1_000_000;
  return { ...parts, totalUsd, tokens };
}
