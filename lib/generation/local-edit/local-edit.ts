import "server-only";
import { InvalidArgumentError, type ImageModelV3CallOptions } from "@ai-sdk/provider";
import { encodePng, rasterOf, type Raster } from "@/lib/images/feather";
import { readEditImage, readMask, type MaskCoverage } from "@/lib/images/mask";
import { referenceRoleSchema } from "@/lib/schemas/edit";
import { z } from "@/lib/schemas/zod";
import { renderPoster } from "../local-renderer/render-poster";
import { editRegion } from "./region";
import { retouchImage } from "./retouch";
import { steeringFrom, type LocalReference, type Steering } from "./steer";

/*
 * The Local renderer's edits, behind its AI SDK image model: `prompt.images` and `prompt.mask`
 * reach it as they reach a provider. `providerOptions.local` says what the files are: whether
 * the first is the image to edit (`inputImage`, the default when no roles are given) and the
 * moodboard role of each of the others (`roles`, "style" when left out).
 */

export const localEditOptionsSchema = z.object({ inputImage: z.boolean().optional(), roles: z.array(referenceRoleSchema).max(8).optional() });

export type LocalEditRequest = { input?: Uint8Array; mask?: Uint8Array; references: LocalReference[] };

function bytesOf(file: NonNullable<ImageModelV3CallOptions["mask"]>, what: string): Uint8Array {
  if (file.type === "url") throw new InvalidArgumentError({ argument: what, message: "The Local renderer works offline: give it the image's bytes, not a URL." });
  return typeof file.data === "string" ? new Uint8Array(Buffer.from(file.data, "base64")) : file.data;
}

/** What the call carries to edit, or undefined for a plain render from the prompt. */
export function readLocalEdit(options: ImageModelV3CallOptions): LocalEditRequest | undefined {
  const files = options.files ?? [];
  if (files.length === 0 && !options.mask) return undefined;
  const parsed = localEditOptionsSchema.safeParse(options.providerOptions?.local ?? {});
  if (!parsed.success) throw new InvalidArgumentError({ argument: "providerOptions.local", message: parsed.error.issues[0]?.message ?? "invalid" });
  const inputImage = parsed.data.inputImage ?? parsed.data.roles === undefined;
  const [first, ...rest] = files.map((f, i) => bytesOf(f, `files[${i}]`));
  const input = inputImage ? first : undefined;
  const others = inputImage ? rest : files.length > 0 ? [first!, ...rest] : [];
  if (options.mask && !input) throw new InvalidArgumentError({ argument: "mask", message: "A mask needs the image it was painted on as the first file." });
  const references = others.map((bytes, i) => ({ bytes, role: parsed.data.roles?.[i] ?? "style" }));
  return { input, mask: options.mask ? bytesOf(options.mask, "mask") : undefined, references };
}

export type LocalEditResult = { png: Uint8Array; width: number; height: number; did: string[]; notes: string[]; missing: string[] };

/** Decoded once and reused for every variant of the call. */
type Prepared = { image?: Raster; mask?: MaskCoverage; steering?: Steering };

export async function prepareLocalEdit(request: LocalEditRequest): Promise<Prepared> {
  const steering = request.references.length > 0 ? await steeringFrom({ references: request.references, editing: request.input !== undefined }) : undefined;
  if (!request.input) return { steering };
  const facts = await readEditImage({ bytes: request.input, what: "the input image" });
  const image = await rasterOf({ bytes: request.input, width: facts.width, height: facts.height });
  const mask = request.mask ? await readMask({ bytes: request.mask, width: facts.width, height: facts.height }) : undefined;
  return { image, mask, steering };
}

export async function renderLocalEdit({ prepared, prompt, seed, width, height }: { prepared: Prepared; prompt: string; seed: number; width: number; height: number }): Promise<LocalEditResult> {
  const notes = prepared.steering?.notes ?? [];
  const tone = prepared.steering?.tone;
  if (prepared.image && prepared.mask) {
    const region = await editRegion({ image: prepared.image, mask: prepared.mask, prompt, seed, tone });
    return { png: await encodePng(region.raster), width: region.raster.width, height: region.raster.height, did: [`painted region: ${region.did}`], notes, missing: region.missing };
  }
  if (prepared.image) {
    const retouched = await retouchImage({ image: prepared.image, prompt, seed, tone });
    return { png: await encodePng(retouched.raster), width: retouched.raster.width, height: retouched.raster.height, did: retouched.did, notes, missing: retouched.missing };
  }
  const poster = await renderPoster({ prompt, seed, width, height, steering: prepared.steering?.poster });
  return { png: poster.png, width, height, did: ["new poster steered by the moodboard"], notes, missing: poster.missingGlyphs };
}
