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
export { estimateInputTokens, estimateUnderstandingUsd, type UnderstandingCall } from "./estimate";
export * from "./video";
export type {
  NotesAttempt,
  PickCandidate,
  PickInput,
  PickOutput,
  ReviewRoundInput,
  ReviewRoundOutput,
  WriteDraftsInput,
  WriteDraftsOutput,
  WriteNotesInput,
  WriteNotesOutput,
} from "./explore/types";
export type { TargetModel } from "./types";
export { critiquesWarmFirst } from "./caching/warm";
export { calibrate, calibrationFor, prefixOn, type Calibration } from "./caching/calibrate";
export { minCacheableTokens } from "./caching/minimums";
export { imageTokens } from "./caching/tokens";
export { HANDBOOK_VERSION } from "./caching/handbook";
export { EXPLORE_PROMPT_VERSION } from "./explore/prompts";
export { nearDuplicate } from "./explore/distinct";
export { avoidTried, briefReadings } from "./explore/variants";

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
    config.LOUPE_CRITIQUE_THINKING,
    config.LOUPE_CRITIQUE_THINKING_BUDGET,
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
        critiqueThinking: { depth: config.LOUPE_CRITIQUE_THINKING, budgetTokens: config.LOUPE_CRITIQUE_THINKING_BUDGET },
        // Budgets price calls by count_tokens once it has answered for these models (in the background, once).
        calibrate: true,
      })
    : createOfflineEngine();
  cached = { key, engine };
  return engine;
}
