import "server-only";
import { env } from "@/lib/env";
import { createLocalProvider } from "./providers/local";
import { createOpenAIProvider } from "./providers/openai";
import type { ProviderEntry, ProviderInfo } from "./providers/types";

export type { ProviderInfo } from "./providers/types";

/**
 * The providers this server can use, read from the environment on every call (cheap, and
 * tests change variables between cases). The local renderer is always present and first.
 */
export function configuredProviders(): ProviderEntry[] {
  const config = env();
  const providers: ProviderEntry[] = [createLocalProvider()];
  if (config.OPENAI_API_KEY) {
    providers.push(createOpenAIProvider({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.LOUPE_OPENAI_IMAGE_MODEL }));
  }
  return providers;
}

export function listProviders(): ProviderInfo[] {
  return configuredProviders().map(({ id, label, models, defaultModel, local }) => ({ id, label, models, defaultModel, local }));
}

export function findProvider(id: string): ProviderEntry | undefined {
  return configuredProviders().find((p) => p.id === id);
}
