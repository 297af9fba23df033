import "server-only";
import type { ImageModelV3 } from "@ai-sdk/provider";
import type { ModelCapability, ProviderId } from "../capabilities";

/** What the UI may know about a provider: names and capabilities, never keys. */
export type ProviderInfo = {
  id: string;
  label: string;
  models: string[];
  defaultModel: string;
  local: boolean;
  /** One capability row per model (sizes or ratios, limits, seed, text strength, latency, price). */
  capabilities: ModelCapability[];
};

export type ProviderEntry = ProviderInfo & {
  id: ProviderId;
  /** Key of this provider's entry in the AI SDK's `providerMetadata` (revised prompts live there). */
  metadataKey: string;
  imageModel(model: string): ImageModelV3;
};
