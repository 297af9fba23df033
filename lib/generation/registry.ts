import "server-only";
import { env } from "@/lib/env";
import { connectProviders } from "./providers/catalog";
import type { ProviderEntry, ProviderInfo } from "./providers/types";
import type { RouteCandidate } from "./route";

export type { ProviderInfo } from "./providers/types";

/**
 * The providers this server can use, read from the environment on every call (cheap, and
 * tests change variables between cases). The local renderer is always present and first.
 */
export function configuredProviders(): ProviderEntry[] {
  return connectProviders(env());
}

export function listProviders(): ProviderInfo[] {
  return configuredProviders().map(({ id, label, models, defaultModel, local, capabilities }) => ({ id, label, models, defaultModel, local, capabilities }));
}

export function findProvider(id: string): ProviderEntry | undefined {
  return configuredProviders().find((p) => p.id === id);
}

/** Every configured model as a routing candidate, with its capability row. */
export function routeCandidates(providers: ProviderEntry[]): RouteCandidate[] {
  return providers.flatMap((p) => p.capabilities.map((capability) => ({ providerId: p.id, label: p.label, local: p.local, capability })));
}
