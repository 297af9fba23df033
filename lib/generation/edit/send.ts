import "server-only";
import type { SharedV3ProviderOptions } from "@ai-sdk/provider";
import { compositeThroughMask } from "@/lib/images/feather";
import { maskAsAlphaPng, maskAsWhitePng } from "@/lib/images/mask";
import type { ReferenceRole } from "@/lib/schemas/edit";
import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt";
import sharp from "sharp";
import type { ModelCapability } from "../capabilities";
import { fitOf } from "./fit";
import type { PreparedEdit } from "./prepare";

/*
 * What one model is sent for an edit, through the AI SDK's `prompt: { text, images, mask }`:
 * the image to edit first, then the references it takes as images (their roles spelled out in
 * the text, since image APIs have no field for them), the mask in the model's own format; the
 * references in words where it takes no images. The Local renderer reads roles from
 * `providerOptions.local` instead. Then what comes back is put back into the input image.
 */

export type EditPrompt = { text: string; images: Uint8Array[]; mask?: Uint8Array };
export type SentEdit = { prompt: string | EditPrompt; providerOptions?: SharedV3ProviderOptions; note: string };

const roleUse: Record<ReferenceRole, string> = {
  style: "take its style, medium and texture only",
  subject: "take its subject only",
  palette: "take its colours only",
  composition: "take its layout and framing only",
};

function legend({ edit, offset }: { edit: PreparedEdit; offset: number }): string {
  const lines = edit.references.map((r, i) => `image ${i + offset + 1} is a ${r.role} reference (${roleUse[r.role]})`);
  const first = edit.image ? `Image 1 is the image to edit${edit.mask ? " (only inside the mask)" : ""}; ` : "";
  return `${first}${lines.join("; ")}.`;
}

/** The prompt with the moodboard's words after it, shortened to fit one prompt. */
function withWords({ prompt, words }: { prompt: string; words: string }): string {
  const lead = `${prompt}\nMoodboard: `;
  const room = MAX_PROMPT_LENGTH - lead.length;
  return room <= 0 ? prompt : `${lead}${words.length <= room ? words : `${words.slice(0, room - 1)}…`}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function editPrompt(input: { prompt: string; edit: PreparedEdit; capability: ModelCapability; label: string; local: boolean }): Promise<SentEdit> {
  const { prompt, edit, capability } = input;
  const who = `${input.label} · ${capability.model}`;
  const fit = fitOf(capability, edit.needs);
  if (!fit.ok) throw new Error(`${who} was routed an edit it cannot take: ${fit.missing}`);
  const references = fit.referencesAs === "images" ? edit.references.map((r) => r.bytes) : [];
  const images = [...(edit.image ? [edit.image.bytes] : []), ...references];
  const mask = edit.mask ? await (capability.edit?.mask === "alpha" ? maskAsAlphaPng(edit.mask) : maskAsWhitePng(edit.mask)) : undefined;
  const notes = [
    ...(edit.mask ? [`painted region sent with its mask to ${who}`] : edit.image ? [`input image sent to ${who} to edit`] : []),
    ...(fit.referencesAs === "images" ? [`${plural(edit.references.length, "reference")} sent as images to ${who}`] : []),
    ...(fit.referencesAs === "words" ? [`${plural(edit.references.length, "reference")} sent as words to ${who}`] : []),
  ];
  const note = notes.join("; ");
  if (input.local) {
    const roles = fit.referencesAs === "images" ? edit.references.map((r) => r.role) : [];
    return { prompt: { text: prompt, images, mask }, providerOptions: { local: { inputImage: edit.image !== undefined, roles } }, note };
  }
  const described = fit.referencesAs === "words" && edit.words ? withWords({ prompt, words: edit.words }) : prompt;
  const text = references.length > 0 ? `${described}\n\n${legend({ edit, offset: edit.image ? 1 : 0 })}` : described;
  const providerOptions = images.length > 1 ? capability.edit?.providerOptions : undefined;
  if (images.length === 0) return { prompt: text, note };
  return { prompt: { text, images, mask }, providerOptions, note };
}

/**
 * A provider's answer to an edit, made to fit the input: the input's size, and with a painted
 * region only that region taken from the answer (an inward feather; everything outside stays
 * the input's own pixels, whatever the model did there). The Local renderer does this itself.
 */
export async function fitToInput<T extends { bytes: Uint8Array; width: number; height: number; mediaType: string }>({ image, edit }: { image: T; edit: PreparedEdit }): Promise<T> {
  const input = edit.image;
  if (!input) return image;
  if (edit.mask) {
    const bytes = await compositeThroughMask({ input: input.bytes, edited: image.bytes, mask: edit.mask });
    return { ...image, bytes, width: input.width, height: input.height, mediaType: "image/png" };
  }
  if (image.width === input.width && image.height === input.height) return image;
  const resized = await sharp(image.bytes).resize(input.width, input.height, { fit: "cover" }).png({ compressionLevel: 3 }).toBuffer();
  return { ...image, bytes: new Uint8Array(resized.buffer, resized.byteOffset, resized.byteLength), width: input.width, height: input.height, mediaType: "image/png" };
}
