import "server-only";
import type { StudioConfig } from "@/components/studio/studio-config";
import { listProviders } from "@/lib/generation";
import { getUnderstandingEngine } from "@/lib/understanding";

/** Which engines this server runs, as the browser may know it (names, never keys). */
export function loadStudioConfig(): StudioConfig {
  const { info } = getUnderstandingEngine();
  return {
    understanding: { kind: info.kind, label: info.label, refineModel: info.refineModel, critiqueModel: info.critiqueModel },
    providers: listProviders().map(({ id, label, models, defaultModel, local }) => ({ id, label, models, defaultModel, local })),
  };
}
