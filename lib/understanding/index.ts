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
export { minCacheableTokens } from "@/lib/schemas/claude-cache-minimums";
export { imageTokens } from "@/lib/schemas/claude-image-tokens";
export { HANDBOOK_VERSION } from "./caching/handbook";
export { EXPLORE_PROMPT_VERSION } from "./explore/prompts";
export { nearDuplicate } from "./explore/distinct";
export { avoidTried, briefReadings } from "./explore/variants";
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
        critiqueThinking: { depth: config.LOUPE_CRITIQUE_THINKING, budgetTokens: config.LOUPE_CRITIQUE_THINKING_BUDGET },
        // Budgets price calls by count_tokens once it has answered for these models (in the background, once).
        calibrate: true,
      })
    : createOfflineEngine();
  cached = { config, engine };
  return engine;
}
