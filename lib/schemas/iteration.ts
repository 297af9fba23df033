import type { PublicError } from "@/lib/errors";
import type { Critique, Usage } from "./critique";
import type { EditKind, MoodboardEntry } from "./edit";
import type { GenerationParams } from "./params";
import type { VideoCritique, VideoParams } from "./video";

export type MediaKind = "image" | "video";

/** A clip of a video iteration: the image fields then describe its poster frame. */
export type ClipView = {
  url: string;
  mediaType: string;
  durationSeconds: number;
  bytes: number;
  hasAudio: boolean;
};

export type EngineKind = "claude" | "offline";

export type IterationStatus = "pending" | "generating" | "critiquing" | "done" | "failed";

export type ImageView = {
  id: string;
  /** Content-addressed URL of the stored bytes: /api/images/<sha256>.<ext> */
  url: string;
  width: number;
  height: number;
  mediaType: string;
  alt: string;
  /** A provider may rewrite the prompt; both are shown. */
  providerRevisedPrompt?: string;
  /** Who made this image, its own time and list price (variants differ after a fallback and in compare mode). */
  source?: { providerId: string; providerLabel: string; model: string; seed: number | null; ms: number | null; costUsd: number | null };
  /** Set when this result is a clip: `url` is then its poster. */
  video?: ClipView;
};

/** A clip's critique is told apart by its aspects (motion), and its issues carry time marks. */
export function isVideoCritique(result: Critique | VideoCritique): result is VideoCritique {
  return "motion" in result.aspects;
}

export type CritiqueView = {
  imageId: string;
  result: Critique | VideoCritique;
  engine: EngineKind;
  model: string;
  usage: Usage;
  costUsd: number;
  ms: number;
};

/** What one iteration cost: Claude tokens for refine, critique and revision, and the provider's list price. */
export type IterationCost = {
  totalUsd: number;
  refineUsd: number;
  imageUsd: number;
  critiqueUsd: number;
  reviseUsd: number;
  /** All Claude tokens of the iteration; `cachedTokens` were read from the prompt cache at a tenth of the price. */
  tokens: Usage;
};

/** What an edit started from: the image (its Before) and, for a region edit, the painted mask. */
export type EditView = {
  kind: EditKind;
  /** The render used as input, while it exists. */
  inputImageId: string | null;
  inputUrl: string | null;
  /** White on black, the input's size; null for an "input" edit. */
  maskUrl: string | null;
  /** The stored mask's key, so a revision can paint the same region again; null for an "input" edit. */
  maskKey: string | null;
};

/** One pass of the loop as the browser sees it. Plain data, safe to serialise. */
export type IterationView = {
  id: string;
  projectId: string;
  parentId: string | null;
  createdAt: string;
  draft: string;
  refinedPrompt: string;
  renderedPrompt: string;
  params: GenerationParams;
  mediaKind: MediaKind;
  /** A video iteration's length, shape and provider as asked. */
  videoParams: VideoParams | null;
  /** Animate: the still of the parent the clip starts from. */
  sourceImageId: string | null;
  providerId: string;
  providerLabel: string;
  model: string;
  seed: number | null;
  status: IterationStatus;
  error: PublicError | null;
  notes: string[];
  timings: { refineMs?: number; generateMs?: number; critiqueMs?: number };
  refineUsage: Usage | null;
  cost: IterationCost;
  /** The reference image the designer attached to this render, if any. */
  referenceId: string | null;
  /** This render continues from an earlier image: the whole of it ("input") or only a painted region. */
  edit: EditView | null;
  /** The references this render was steered by, each with its role (at most 8). */
  moodboard: MoodboardEntry[];
  images: ImageView[];
  critiques: CritiqueView[];
  critiqueError: PublicError | null;
  /** The variant with the highest critique score (null until critiqued). */
  bestImageId: string | null;
  /** The variant the designer chose to continue from; null means the best one. */
  selectedImageId: string | null;
  /** Auto's one-line reason, or null when the designer chose the provider. */
  routeReason: string | null;
  /** Set when the designer cancelled the render: how many variants were kept of those asked for. */
  cancelled: { kept: number; requested: number } | null;
};
