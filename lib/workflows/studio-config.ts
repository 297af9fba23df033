import "server-only";
import type { StudioConfig } from "@/lib/schemas/studio-config";
import { listProviders } from "@/lib/generation";
import { listVideoProviders } from "@/lib/generation/video";
import { costOfUsage, getUnderstandingEngine } from "@/lib/understanding";

/** Which engines this server runs, as the browser may know it (names, never keys). */
export function loadStudioConfig(): StudioConfig {
  const { info } = getUnderstandingEngine();
  return {
    understanding: {
      kind: info.kind,
      label: info.label,
      refineModel: info.refineModel,
      critiqueModel: info.critiqueModel,
      // Thinking tokens are billed as output: the most a deeper critique adds is its budget at the output price.
      ...(info.critiqueThinkingBudget
        ? { deepCritique: { budgetTokens: info.critiqueThinkingBudget, maxUsd: costOfUsage({ usage: { inputTokens: 0, outputTokens: info.critiqueThinkingBudget, cachedTokens: 0 }, model: info.critiqueModel, engine: info.kind }) } }
        : {}),
    },
    providers: listProviders().map(({ id, label, models, defaultModel, local, capabilities }) => {
      // The default model's row comes first; its typical latency and price label the picker.
      const row = capabilities.find((c) => c.model === defaultModel) ?? capabilities[0];
      return { id, label, models, defaultModel, local, latencySeconds: row?.latencySeconds ?? 0, priceUsd: row?.priceUsd ?? null };
    }),
    videoProviders: listVideoProviders().map(({ id, label, defaultModel, local, capabilities }) => {
      const row = capabilities.find((c) => c.model === defaultModel) ?? capabilities[0]!;
      return {
        id,
        label,
        model: row.name,
        local,
        durations: [...row.durations],
        aspectRatios: [...row.aspectRatios],
        imageToVideo: row.imageToVideo,
        latencySeconds: row.latencySeconds,
        pricePerSecondUsd: local ? 0 : row.pricePerSecondUsd,
      };
    }),
  };
}
