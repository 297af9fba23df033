import type { ImageModelV3 } from "@ai-sdk/provider";
import type { GenerationParams } from "@/lib/schemas/params";

/** What the UI may know about a provider: names, never keys. */
export type ProviderInfo = { id: string; label: string; models: string[]; defaultModel: string; local: boolean };

/** The settings handed to `generateImage` for one render. */
export type PreparedCall = {
  model: ImageModelV3;
  n: number;
  size?: `${number}x${number}`;
  aspectRatio?: `${number}:${number}`;
  /** Notes for the designer about how the request was adapted (size snapped, n clamped…). */
  warnings: string[];
};

export type ProviderEntry = ProviderInfo & {
  /** Whether a seed reproduces an image; providers without one report `seed: null`. */
  supportsSeed: boolean;
  /** Key of this provider's entry in the AI SDK's `providerMetadata` (revised prompts live there). */
  metadataKey: string;
  prepare(input: { model: string; params: GenerationParams }): PreparedCall;
};
