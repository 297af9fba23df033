import "server-only";
import type { StudioConfig } from "@/lib/schemas/studio-config";
import { listProviders } from "@/lib/generation";
import { getUnderstandingEngine } from "@/lib/understanding";

/** Which engines this server runs, as the browser may know it (names, never keys). */
export function loadStudioConfig(): StudioConfig {
  const { info } = getUnderstandingEngine();
  return {
    understanding: { kind: info.kind, label: info.label, refineModel: info.refineModel, critiqueModel: info.critiqueModel },
    providers: listProviders().map(({ id, label, models, defaultModel, local, capabilities }) => {
      // The default model's row comes first; its typical latency and price label the picker.
      const row = capabilities.find((c) => c.model === defaultModel) ?? capabilities[0];
      return { id, label, models, defaultModel, local, latencySeconds: row?.latencySeconds ?? 0, priceUsd: row?.priceUsd ?? null };
    }),
  };
}
