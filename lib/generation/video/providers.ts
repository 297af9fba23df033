import "server-only";
import { createFal } from "@ai-sdk/fal";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import type { Experimental_VideoModelV3 as VideoModelV3, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { createReplicate } from "@ai-sdk/replicate";
import { createXai } from "@ai-sdk/xai";
import type { Env } from "@/lib/env";
import { FAL_QUEUE_ORIGIN, rebaseFetch } from "@/lib/fetch/rebase";
import { providerFetch } from "@/lib/security/safe-fetch";
import { defaultModelFirst } from "../default-first";
import { createLocalVideoModel } from "../local-video/local-video-model";
import { videoCapabilityFor, videoModelsOf, type VideoCapability, type VideoProviderId } from "./capabilities";
import type { VideoCall } from "./translate";

/** What the UI may know about a video provider: names and capabilities, never keys. */
export type VideoProviderInfo = {
  id: VideoProviderId;
  label: string;
  models: string[];
  defaultModel: string;
  local: boolean;
  capabilities: VideoCapability[];
};

export type VideoProviderEntry = VideoProviderInfo & {
  videoModel(model: string): VideoModelV3;
  /** How a translated call reaches this provider's SDK: its own option names for resolution, and the polling. */
  callOptions(input: { call: VideoCall; capability: VideoCapability; poll: Poll }): { resolution?: `${number}x${number}`; providerOptions: SharedV3ProviderOptions };
};

type Poll = { intervalMs: number; timeoutMs: number };
type Connection = { defaultModel: string; videoModel(model: string): VideoModelV3 };

/**
 * One adapter per provider whose installed AI SDK package has video models. The same keys and
 * base URLs as for images turn them on, and every request goes through the SSRF-guarded fetch.
 */
type Adapter = {
  id: VideoProviderId;
  label: string;
  connect(config: Env): Connection | undefined;
  /** The provider's options key and the extra fields it takes (its resolution names). */
  options(input: { call: VideoCall; choosable: boolean; poll: Poll }): Record<string, string | number>;
};

const pollOptions = (poll: Poll) => ({ pollIntervalMs: poll.intervalMs, pollTimeoutMs: poll.timeoutMs });
/** A resolution is sent only to models that offer a choice: the others may reject an unknown field. */
const resolutionOption = (input: { call: VideoCall; choosable: boolean }): Record<string, string> => (input.choosable ? { resolution: input.call.resolution } : {});

const adapters: Adapter[] = [
  {
    id: "fal",
    label: "fal",
    connect: (c) => {
      const apiKey = c.FAL_API_KEY ?? c.FAL_KEY;
      if (!apiKey) return undefined;
      const fal = createFal({ apiKey, baseURL: c.FAL_BASE_URL, fetch: rebaseFetch(providerFetch(c), FAL_QUEUE_ORIGIN, c.FAL_BASE_URL) });
      return { defaultModel: c.LOUPE_FAL_VIDEO_MODEL, videoModel: fal.video };
    },
    options: (input) => ({ ...pollOptions(input.poll), ...resolutionOption(input) }),
  },
  {
    id: "google",
    label: "Google",
    connect: (c) => {
      if (!c.GOOGLE_GENERATIVE_AI_API_KEY) return undefined;
      const google = createGoogleGenerativeAI({ apiKey: c.GOOGLE_GENERATIVE_AI_API_KEY, baseURL: c.GOOGLE_GENERATIVE_AI_BASE_URL, fetch: providerFetch(c) });
      return { defaultModel: c.LOUPE_GOOGLE_VIDEO_MODEL, videoModel: google.video };
    },
    // Veo takes "720p"/"1080p"; the SDK passes unknown Google options through as request parameters.
    options: (input) => ({ ...pollOptions(input.poll), ...resolutionOption(input) }),
  },
  {
    id: "replicate",
    label: "Replicate",
    connect: (c) => {
      if (!c.REPLICATE_API_TOKEN) return undefined;
      const replicate = createReplicate({ apiToken: c.REPLICATE_API_TOKEN, baseURL: c.REPLICATE_BASE_URL, fetch: providerFetch(c) });
      return { defaultModel: c.LOUPE_REPLICATE_VIDEO_MODEL, videoModel: replicate.video };
    },
    options: (input) => pollOptions(input.poll),
  },
  {
    id: "xai",
    label: "xAI",
    connect: (c) => {
      if (!c.XAI_API_KEY) return undefined;
      const xai = createXai({ apiKey: c.XAI_API_KEY, baseURL: c.XAI_BASE_URL, fetch: providerFetch(c) });
      return { defaultModel: c.LOUPE_XAI_VIDEO_MODEL, videoModel: xai.video };
    },
    options: (input) => ({ ...pollOptions(input.poll), ...resolutionOption(input) }),
  },
];

function entry(adapter: Adapter, connection: Connection): VideoProviderEntry {
  const capabilities = defaultModelFirst({ rows: videoModelsOf(adapter.id), defaultModel: connection.defaultModel, borrow: () => videoCapabilityFor(adapter.id, connection.defaultModel) });
  return {
    id: adapter.id,
    label: adapter.label,
    models: capabilities.map((r) => r.model),
    defaultModel: connection.defaultModel,
    local: false,
    capabilities,
    videoModel: connection.videoModel,
    callOptions: ({ call, capability, poll }) => ({ providerOptions: { [adapter.id]: adapter.options({ call, poll, choosable: capability.resolutions.length > 1 }) } }),
  };
}

export function localVideoEntry(): VideoProviderEntry {
  const capabilities = videoModelsOf("local");
  return {
    id: "local",
    label: "Local video renderer",
    models: capabilities.map((r) => r.model),
    defaultModel: capabilities[0]!.model,
    local: true,
    capabilities,
    videoModel: createLocalVideoModel,
    // The Local renderer takes the AI SDK's own `resolution` (width×height) and needs no polling.
    callOptions: ({ call }) => ({ resolution: `${call.width}x${call.height}`, providerOptions: {} }),
  };
}

/** Every configured video provider, the Local video renderer first (it is always there). */
export function connectVideoProviders(config: Env): VideoProviderEntry[] {
  const remote = adapters.flatMap((adapter) => {
    const connection = adapter.connect(config);
    return connection ? [entry(adapter, connection)] : [];
  });
  return [localVideoEntry(), ...remote];
}
