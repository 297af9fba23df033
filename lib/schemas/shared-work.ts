import type { AspectKey, CritiqueIssue } from "./critique";
import type { EngineKind } from "./iteration";
import type { ShareScope } from "./share";
import type { VideoAspectKey } from "./video";

/*
 * What a share page may show, and nothing more: a narrow copy of the iteration without the
 * draft, params, seed, timings, token usage or the critique's suggested next prompt. The page
 * renders from this type alone, so nothing else of the owner's work can slip into it.
 */

export type SharedCritique = {
  overall: number;
  /** A clip's critique has its own aspects (motion…), and its issues carry time marks (`at`). */
  aspects: Partial<Record<AspectKey | VideoAspectKey, number>>;
  summary: string;
  strengths: string[];
  issues: Array<Pick<CritiqueIssue, "id" | "severity" | "problem" | "fix"> & { aspect: AspectKey | VideoAspectKey; at?: string }>;
  engine: EngineKind;
  model: string;
};

export type SharedVariant = {
  /** `key` is the storage key, for server-side use (the preview image reads the bytes). */
  image: { key: string; url: string; width: number; height: number; alt: string };
  critique: SharedCritique | null;
  /** A clip: `image` is then its poster. The page plays it from the link's own URL. */
  video?: { key: string; mediaType: string; durationSeconds: number };
};

export type SharedIteration = {
  id: string;
  createdAt: string;
  prompt: string;
  providerLabel: string;
  model: string;
  variants: SharedVariant[];
};

export type SharedWork = {
  scope: ShareScope;
  createdAt: string;
  expiresAt: string | null;
  /** The shared iteration; for a trail, the last step of it. */
  featured: SharedIteration;
  /** A trail's earlier steps, oldest first: the ancestors of the shared iteration. Empty for one iteration. */
  earlier: SharedIteration[];
};

/** The variant a preview leads with: the best critiqued one, else the first. */
export function leadVariant(iteration: SharedIteration): SharedVariant | undefined {
  return iteration.variants.reduce<SharedVariant | undefined>((best, v) => {
    if (!best) return v;
    return (v.critique?.overall ?? -1) > (best.critique?.overall ?? -1) ? v : best;
  }, undefined);
}
