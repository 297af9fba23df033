import "server-only";
import { createBlackForestLabs } from "@ai-sdk/black-forest-labs";
import { createFal } from "@ai-sdk/fal";
import { createFireworks } from "@ai-sdk/fireworks";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createLuma } from "@ai-sdk/luma";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { ImageModelV3 } from "@ai-sdk/provider";
import { createReplicate } from "@ai-sdk/replicate";
import { createTogetherAI } from "@ai-sdk/togetherai";
import { createXai } from "@ai-sdk/xai";
import type { Env } from "@/lib/env";
import { providerFetch } from "@/lib/security/safe-fetch";
import { capabilityFor, gatewayCapability, modelsOf, type ProviderId, type Size } from "../capabilities";
import { defaultModelFirst } from "../default-first";
import { createLocalImageModel } from "../local-renderer/local-image-model";
import { bflFillFetch } from "./bfl-fill";
import type { ProviderEntry } from "./types";

/**
 * One small adapter per provider: which variables turn it on and how its AI SDK package builds
 * an image model. Keys are passed explicitly so the SDKs never read process.env themselves, and
 * every client fetches through the SSRF guard (HTTPS, allow-listed hosts, public addresses only).
 */
type Adapter = {
  id: ProviderId;
  label: string;
  metadataKey: string;
  /** The provider's image-model factory when configured, else undefined. */
  connect(config: Env): { defaultModel: string; imageModel(model: string): ImageModelV3 } | undefined;
};

const googleMaxPerCall = (model: string) => capabilityFor("google", model)?.maxImagesPerCall ?? 1;

const adapters: Adapter[] = [
  {
    id: "openai",
    label: "OpenAI",
    metadataKey: "openai",
    connect: (c) => c.OPENAI_API_KEY ? { defaultModel: c.LOUPE_OPENAI_IMAGE_MODEL, imageModel: createOpenAI({ apiKey: c.OPENAI_API_KEY, baseURL: c.OPENAI_BASE_URL, fetch: providerFetch(c) }).image } : undefined,
  },
  {
    id: "google",
    label: "Google",
    metadataKey: "google",
    connect: (c) => {
      if (!c.GOOGLE_GENERATIVE_AI_API_KEY) return undefined;
      const google = createGoogleGenerativeAI({ apiKey: c.GOOGLE_GENERATIVE_AI_API_KEY, baseURL: c.GOOGLE_GENERATIVE_AI_BASE_URL, fetch: providerFetch(c) });
      // Gemini refuses n > 1 per request; the table's limit makes the AI SDK split variants into concurrent calls.
      return { defaultModel: c.LOUPE_GOOGLE_IMAGE_MODEL, imageModel: (model) => google.image(model, { maxImagesPerCall: googleMaxPerCall(model) }) };
    },
  },
  {
    id: "fal",
    label: "fal",
    metadataKey: "fal",
    connect: (c) => {
      const apiKey = c.FAL_API_KEY ?? c.FAL_KEY;
      return apiKey ? { defaultModel: c.LOUPE_FAL_IMAGE_MODEL, imageModel: createFal({ apiKey, baseURL: c.FAL_BASE_URL, fetch: providerFetch(c) }).image } : undefined;
    },
  },
  {
    id: "replicate",
    label: "Replicate",
    metadataKey: "replicate",
    connect: (c) => c.REPLICATE_API_TOKEN ? { defaultModel: c.LOUPE_REPLICATE_IMAGE_MODEL, imageModel: createReplicate({ apiToken: c.REPLICATE_API_TOKEN, baseURL: c.REPLICATE_BASE_URL, fetch: providerFetch(c) }).image } : undefined,
  },
  {
    id: "black-forest-labs",
    label: "Black Forest Labs",
    metadataKey: "blackForestLabs",
    connect: (c) => c.BFL_API_KEY ? { defaultModel: c.LOUPE_BFL_IMAGE_MODEL, imageModel: createBlackForestLabs({ apiKey: c.BFL_API_KEY, baseURL: c.BFL_BASE_URL, fetch: bflFillFetch(providerFetch(c)) }).image } : undefined,
  },
  {
    id: "xai",
    label: "xAI",
    metadataKey: "xai",
    connect: (c) => c.XAI_API_KEY ? { defaultModel: c.LOUPE_XAI_IMAGE_MODEL, imageModel: createXai({ apiKey: c.XAI_API_KEY, baseURL: c.XAI_BASE_URL, fetch: providerFetch(c) }).image } : undefined,
  },
  {
    id: "togetherai",
    label: "Together",
    metadataKey: "togetherai",
    connect: (c) => {
      const apiKey = c.TOGETHER_API_KEY ?? c.TOGETHER_AI_API_KEY;
      return apiKey ? { defaultModel: c.LOUPE_TOGETHER_IMAGE_MODEL, imageModel: createTogetherAI({ apiKey, baseURL: c.TOGETHER_BASE_URL, fetch: providerFetch(c) }).image } : undefined;
    },
  },
  {
    id: "fireworks",
    label: "Fireworks",
    metadataKey: "fireworks",
    connect: (c) => c.FIREWORKS_API_KEY ? { defaultModel: c.LOUPE_FIREWORKS_IMAGE_MODEL, imageModel: createFireworks({ apiKey: c.FIREWORKS_API_KEY, baseURL: c.FIREWORKS_BASE_URL, fetch: providerFetch(c) }).image } : undefined,
  },
  {
    id: "luma",
    label: "Luma",
    metadataKey: "luma",
    connect: (c) => c.LUMA_API_KEY ? { defaultModel: c.LOUPE_LUMA_IMAGE_MODEL, imageModel: createLuma({ apiKey: c.LUMA_API_KEY, baseURL: c.LUMA_BASE_URL, fetch: providerFetch(c) }).image } : undefined,
  },
];

function entry(adapter: Adapter, connection: NonNullable<ReturnType<Adapter["connect"]>>): ProviderEntry {
  const capabilities = defaultModelFirst({ rows: modelsOf(adapter.id), defaultModel: connection.defaultModel, borrow: () => capabilityFor(adapter.id, connection.defaultModel) });
  return {
    id: adapter.id,
    label: adapter.label,
    models: capabilities.map((r) => r.model),
    defaultModel: connection.defaultModel,
    local: false,
    capabilities,
    metadataKey: adapter.metadataKey,
    imageModel: connection.imageModel,
  };
}

export function localEntry(): ProviderEntry {
  const capabilities = modelsOf("local");
  return {
    id: "local",
    label: "Local renderer",
    models: capabilities.map((r) => r.model),
    defaultModel: capabilities[0]!.model,
    local: true,
    capabilities,
    metadataKey: "local",
    imageModel: createLocalImageModel,
  };
}

function gatewayEntry(c: Env): ProviderEntry | undefined {
  if (!c.LOUPE_OPENAI_COMPATIBLE_BASE_URL || !c.LOUPE_OPENAI_COMPATIBLE_MODEL) return undefined;
  const gateway = createOpenAICompatible({ name: "gateway", baseURL: c.LOUPE_OPENAI_COMPATIBLE_BASE_URL, apiKey: c.LOUPE_OPENAI_COMPATIBLE_API_KEY, fetch: providerFetch(c) });
  const capability = gatewayCapability({ model: c.LOUPE_OPENAI_COMPATIBLE_MODEL, sizes: c.LOUPE_OPENAI_COMPATIBLE_SIZES as Size[], priceUsd: c.LOUPE_OPENAI_COMPATIBLE_PRICE_USD ?? null });
  return {
    id: "openai-compatible",
    label: c.LOUPE_OPENAI_COMPATIBLE_LABEL,
    models: [capability.model],
    defaultModel: capability.model,
    local: false,
    capabilities: [capability],
    metadataKey: "gateway",
    imageModel: gateway.imageModel,
  };
}

/** Every configured provider, the Local renderer first (it is always there). */
export function connectProviders(config: Env): ProviderEntry[] {
  const remote = adapters.flatMap((adapter) => {
    const connection = adapter.connect(config);
    return connection ? [entry(adapter, connection)] : [];
  });
  const gateway = gatewayEntry(config);
  return [localEntry(), ...remote, ...(gateway ? [gateway] : [])];
}
