import "server-only";
import { EditError } from "@/lib/images/edit-errors";
import { readEditImage, readMask, type MaskCoverage } from "@/lib/images/mask";
import { MAX_REFERENCES, type ReferenceRole } from "@/lib/schemas/edit";
import { aspectRatios, type AspectRatio } from "@/lib/schemas/params";
import { needsOf, type EditNeeds } from "./fit";

/** What a render may carry beyond its prompt. */
export type RenderEdit = {
  /** The image this render continues from ("Use as input"); the result keeps its size. */
  image?: Uint8Array;
  /** A region painted on `image` (PNG or WebP: painted = opaque, or white on black): only that region changes. */
  mask?: Uint8Array;
  /** The moodboard, in the designer's order: each reference lends the render only what its role names. */
  references?: Array<{ bytes: Uint8Array; role: ReferenceRole }>;
  /**
   * The moodboard in words, for models that take no (or too few) images. Descriptions are the
   * understanding pipeline's work (`describeMoodboard`); the caller passes its words here.
   */
  referenceWords?: string;
};

export type PreparedEdit = {
  image?: { bytes: Uint8Array; width: number; height: number };
  mask?: MaskCoverage;
  references: Array<{ bytes: Uint8Array; role: ReferenceRole }>;
  words?: string;
  needs: EditNeeds;
  /** The input image's shape as the nearest aspect ratio a render may ask for: providers are asked for that shape. */
  aspectRatio?: AspectRatio;
};

/** Checks everything the edit carries before any provider is called; throws EditError with a sentence for the designer. */
export async function prepareEdit(edit: RenderEdit): Promise<PreparedEdit> {
  const given = edit.references ?? [];
  if (given.length > MAX_REFERENCES) throw new EditError({ reason: "too_many_references", count: given.length });
  if (edit.mask && !edit.image) throw new EditError({ reason: "mask_without_image" });
  const references = await Promise.all(
    given.map(async (reference, i) => {
      await readEditImage({ bytes: reference.bytes, what: `reference ${i + 1}` });
      return reference;
    }),
  );
  const words = edit.referenceWords?.trim() || undefined;
  const base = { references, words };
  if (!edit.image) return { ...base, needs: needsOf({ references, referenceWords: words }) };
  const facts = await readEditImage({ bytes: edit.image, what: "the input image" });
  const mask = edit.mask ? await readMask({ bytes: edit.mask, width: facts.width, height: facts.height }) : undefined;
  return {
    ...base,
    image: { bytes: edit.image, width: facts.width, height: facts.height },
    mask,
    needs: needsOf({ image: edit.image, mask, references, referenceWords: words }),
    aspectRatio: nearestRatio(facts.width / facts.height),
  };
}

function nearestRatio(shape: number): AspectRatio {
  const distance = (ratio: AspectRatio) => {
    const [w, h] = ratio.split(":").map(Number) as [number, number];
    return Math.abs(Math.log(w / h) - Math.log(shape));
  };
  return aspectRatios.reduce((best, ratio) => (distance(ratio) < distance(best) ? ratio : best), aspectRatios[0]);
}
