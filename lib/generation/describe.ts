import type { GenerationParams } from "@/lib/schemas/params";

/** A short human summary of render settings for the UI, e.g. "Local renderer · 4:5 · 2 images · seed 42". */
export function describeParams(input: { params: GenerationParams; providerLabel?: string; seed?: number | null }): string {
  const { params } = input;
  const parts = [
    input.providerLabel ?? (params.providerId === "auto" ? "Auto" : params.providerId),
    params.model,
    params.aspectRatio,
    params.n > 1 ? `${params.n} images` : undefined,
  ];
  const seed = input.seed === undefined ? params.seed : input.seed;
  if (seed !== undefined && seed !== null) parts.push(`seed ${seed}`);
  return parts.filter(Boolean).join(" · ");
}
