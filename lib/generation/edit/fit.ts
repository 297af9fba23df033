import "server-only";
import type { ModelCapability } from "../capabilities";

/*
 * Whether a model can take what a render carries: an image to edit, a painted region, a
 * moodboard. Pure, from the capability table, so every rule has a unit test.
 */

export type EditNeeds = {
  /** An input image ("Use as input", or the image a region was painted on). */
  image: boolean;
  /** A painted region on that image. */
  mask: boolean;
  /** How many moodboard references. */
  references: number;
  /** Whether the caller gave the references in words, for models that cannot take them all as images. */
  words: boolean;
};

export const noNeeds: EditNeeds = { image: false, mask: false, references: 0, words: false };

/** What an edit needs, from what it carries (before its files are read: for the price estimate). */
export function needsOf(edit: { image?: unknown; mask?: unknown; references?: readonly unknown[]; referenceWords?: string }): EditNeeds {
  return { image: edit.image !== undefined, mask: edit.mask !== undefined, references: edit.references?.length ?? 0, words: Boolean(edit.referenceWords?.trim()) };
}

export function needsAnything(needs: EditNeeds | undefined): needs is EditNeeds {
  return needs !== undefined && (needs.image || needs.mask || needs.references > 0);
}

/** How the moodboard reaches a model that fits: as images, as the caller's words, or not at all (there is none). */
export type ReferencesAs = "images" | "words" | "none";
export type Fit = { ok: true; referencesAs: ReferencesAs } | { ok: false; missing: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function fitOf(capability: ModelCapability, needs: EditNeeds): Fit {
  const edit = capability.edit;
  if (needs.mask && !edit?.mask) return { ok: false, missing: "cannot repaint a painted region: it takes no mask" };
  if (!needs.mask && edit?.maskRequired) return { ok: false, missing: "only fills a painted region" };
  if (needs.image && !needs.mask && !edit?.edits) return { ok: false, missing: "cannot edit an input image" };
  if (needs.references === 0) {
    if (!needs.image && capability.imageInput === "required") return { ok: false, missing: "needs an image to edit" };
    return { ok: true, referencesAs: "none" };
  }
  // A fill model takes the image and the mask only; references go in words.
  const free = edit?.maskRequired ? 0 : (edit?.maxInputImages ?? 0) - (needs.image ? 1 : 0);
  if (free >= needs.references) return { ok: true, referencesAs: "images" };
  // An edit-only endpoint with no image of its own cannot render from words alone.
  if (needs.words && (needs.image || capability.imageInput !== "required")) return { ok: true, referencesAs: "words" };
  const takes = free > 0 ? `takes at most ${plural(free, "reference image")}` : "takes no reference images";
  return { ok: false, missing: `${takes}, and the moodboard's ${plural(needs.references, "reference")} came without a description to send instead` };
}

/** What the render needs, in a few words, for the route's reason ("a painted region → …"). */
export function needsPhrase(needs: EditNeeds): string {
  if (needs.mask) return "a painted region";
  if (needs.image) return needs.references > 0 ? `an input image and ${plural(needs.references, "reference")}` : "an input image";
  return needs.references === 1 ? "a reference" : plural(needs.references, "reference");
}

/** What Auto looks for, for the route's reason. */
export function targetPhrase(needs: EditNeeds): string {
  if (needs.mask) return "a model that edits with masks";
  if (needs.image) return "a model that edits images";
  return needs.references === 1 ? "a model that takes it" : "a model that takes several images";
}
