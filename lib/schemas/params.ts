import { aspectRatios } from "./aspect-ratios";
import { z } from "./zod";

export { aspectRatios, type AspectRatio } from "./aspect-ratios";
export const aspectRatioSchema = z.enum(aspectRatios);

export const MAX_SEED = 2_147_483_647;

/** What the designer asks of a render. Providers translate it (see lib/generation). */
export const generationParamsSchema = z.object({
  /** A provider id from the registry, or "auto". */
  providerId: z.string().min(1).max(64).default("local"),
  model: z.string().min(1).max(128).optional(),
  aspectRatio: aspectRatioSchema.default("1:1"),
  n: z.number().int().min(1).max(4).default(1),
  seed: z.number().int().min(0).max(MAX_SEED).optional(),
  /** Compare mode: one image from each of these 2–4 providers, side by side (providerId and n are then unused). */
  compare: z
    .array(z.string().min(1).max(64))
    .min(2)
    .max(4)
    .refine((ids) => new Set(ids).size === ids.length, "Choose each provider once.")
    .optional(),
});
export type GenerationParams = z.infer<typeof generationParamsSchema>;
