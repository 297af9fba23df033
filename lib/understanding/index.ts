import "server-only";
import { env, type Env } from "@/lib/env";
import { createClaudeEngine } from "./claude";
import { createOfflineEngine } from "./offline";
import type { UnderstandingEngine } from "./types";

export type {
  CritiqueImage,
  CritiqueInput,
  CritiqueOutput,
  DescribeInput,
  DescribeOutput,
  EngineInfo,
  RefineEvent,
  RefineInput,
  ReviseInput,
  ReviseOutput,
  UnderstandingEngine,
} from "./types";
export { OFFLINE_MODEL } from "./offline";
export { costOfUsage, roundUsd } from "./pricing";
export { estimateUnderstandingUsd, type UnderstandingCall } from "./estimate";
export * from "./video";
export { describeMoodboard } from "./edit/moodboard-words";

let cached: { config: Env; engine: UnderstandingEngine } | undefined;

/**
 * Claude when `ANTHROPIC_API_KEY` is set, otherwise the Offline engine. Built once for the
 * parsed settings (again only when a test resets them), so the SDK client and its connection
 * pool are shared.
 */
export function getUnderstandingEngine(): UnderstandingEngine {
  const config = env();
  if (cached?.config === config) return cached.engine;
  const engine = config.ANTHROPIC_API_KEY
    ? createClaudeEngine({
        apiKey: config.ANTHROPIC_API_KEY,
        baseURL: config.ANTHROPIC_BASE_URL,
        auth: config.LOUPE_ANTHROPIC_AUTH,
        refineModel: config.LOUPE_REFINE_MODEL,
        critiqueModel: config.LOUPE_CRITIQUE_MODEL,
        timeoutMs: config.LOUPE_CLAUDE_TIMEOUT_MS,
      })
    : createOfflineEngine();
  cached = { config, engine };
  return engine;
}
