import "server-only";
import { env, type Env } from "@/lib/env";
import { connectProviders } from "./providers/catalog";
import type { ProviderEntry, ProviderInfo } from "./providers/types";
import type { RouteCandidate } from "./route";

export type { ProviderInfo } from "./providers/types";

const connected = new WeakMap<Env, ProviderEntry[]>();

/** The providers this server can use, connected once for the parsed settings. The local renderer is always present and first. */
export function configuredProviders(): ProviderEntry[] {
  const config = env();
  let providers = connected.get(config);
  if (!providers) connected.set(config, (providers = connectProviders(config)));
  return providers;
}

export function listProviders(): ProviderInfo[] {
  return configuredProviders().map(({ id, label, models, defaultModel, local, capabilities }) => ({ id, label, models, defaultModel, local, capabilities }));
}

/** Every configured model as a routing candidate, with its capability row. */
export function routeCandidates(providers: ProviderEntry[]): RouteCandidate[] {
  return providers.flatMap((p) => p.capabilities.map((capability) => ({ providerId: p.id, label: p.label, local: p.local, capability })));
}
