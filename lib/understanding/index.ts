import "server-only";
import { env } from "@/lib/env";
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
export { CRITIQUE_PROMPT_VERSION } from "./prompts";
export { OFFLINE_MODEL } from "./offline";
export { costOfUsage, roundUsd } from "./pricing";
export { estimateUnderstandingUsd, type UnderstandingCall } from "./estimate";
export * from "./video";
export { describeMoodboard } from "./edit/moodboard-words";

let cached: { key: string; engine: UnderstandingEngine } | undefined;

/**
 * Claude when `ANTHROPIC_API_KEY` is set, otherwise the Offline engine. The engine is rebuilt
 * only when its configuration changes, so the SDK client (and its connection pool) is shared.
 */
export function getUnderstandingEngine(): UnderstandingEngine {
  const config = env();
  const key = JSON.stringify([
    config.ANTHROPIC_API_KEY,
    config.ANTHROPIC_BASE_URL,
    config.LOUPE_ANTHROPIC_AUTH,
    config.LOUPE_REFINE_MODEL,
    config.LOUPE_CRITIQUE_MODEL,
    config.LOUPE_CLAUDE_TIMEOUT_MS,
  ]);
  if (cached?.key === key) return cached.engine;
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
  cached = { key, engine };
  return engine;
}
