import "server-only";
import { createFal } from "@ai-sdk/fal";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import type { TranscriptionModelV3 } from "@ai-sdk/provider";
import { experimental_transcribe as transcribe } from "ai";
import type { Env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { FAL_QUEUE_ORIGIN, rebaseFetch } from "@/lib/fetch/rebase";
import { MediaError } from "@/lib/media/errors";
import { ffmpegFailure, runFfmpeg } from "@/lib/media/ffmpeg";
import { formatTimeMark } from "@/lib/schemas/video";
import { providerFetch } from "@/lib/security/safe-fetch";

/** What was said, with when: the transcript that goes with the frames. */
export type Transcript = {
  /** "openai:whisper-1". */
  model: string;
  language: string | null;
  segments: Array<{ at: number; end: number; label: string; text: string }>;
  text: string;
};

/**
 * Speech-to-text is understanding, so it is built here from the AI SDK's providers directly (not
 * through lib/generation): LOUPE_TRANSCRIPTION_MODEL names provider:model, and the provider's own
 * key and base URL (the same variables as for images) reach it through the guarded fetch.
 */
function transcriptionModel(config: Env): { id: string; model: TranscriptionModelV3; providerOptions: Record<string, Record<string, string[]>> } | null {
  const setting = config.LOUPE_TRANSCRIPTION_MODEL;
  if (!setting) return null;
  const [provider, ...rest] = setting.split(":");
  const modelId = rest.join(":");
  const fetch = providerFetch(config);
  const missingKey = (name: string) => new LoupeError("provider_unavailable", { message: `LOUPE_TRANSCRIPTION_MODEL is ${setting}, but ${name} is not set.` });
  if (provider === "openai") {
    if (!config.OPENAI_API_KEY) throw missingKey("OPENAI_API_KEY");
    const model = createOpenAI({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, fetch }).transcription(modelId);
    // Segments (with times) come only in verbose_json, which the SDK asks for when it has OpenAI options.
    return { id: setting, model, providerOptions: { openai: { timestampGranularities: ["segment"] } } };
  }
  if (provider === "fal") {
    const apiKey = config.FAL_API_KEY ?? config.FAL_KEY;
    if (!apiKey) throw missingKey("FAL_KEY");
    return { id: setting, model: createFal({ apiKey, baseURL: config.FAL_BASE_URL, fetch: rebaseFetch(fetch, FAL_QUEUE_ORIGIN, config.FAL_BASE_URL) }).transcription(modelId), providerOptions: {} };
  }
  if (!config.GOOGLE_GENERATIVE_AI_API_KEY) throw missingKey("GOOGLE_GENERATIVE_AI_API_KEY");
  return { id: setting, model: createGoogleGenerativeAI({ apiKey: config.GOOGLE_GENERATIVE_AI_API_KEY, baseURL: config.GOOGLE_GENERATIVE_AI_BASE_URL, fetch }).transcription(modelId), providerOptions: {} };
}

export function transcriptionConfigured(config: Env): boolean {
  return config.LOUPE_TRANSCRIPTION_MODEL !== undefined;
}

/** The soundtrack as 16 kHz mono MP3 (about 360 kB a minute): what speech models take, small enough to send whole. */
async function speechAudio(input: { path: string; signal?: AbortSignal }): Promise<Uint8Array> {
  const run = await runFfmpeg({ args: ["-i", input.path, "-vn", "-sn", "-map", "0:a:0", "-ac", "1", "-ar", "16000", "-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3", "-"], signal: input.signal, timeoutMs: 300_000, stdout: true });
  if (run.code !== 0 || run.stdout.length === 0) throw new MediaError({ reason: "decoder_failed", detail: ffmpegFailure(run.stderr) });
  return new Uint8Array(run.stdout);
}

/** The clip's speech as a timestamped transcript, or null when no transcription model is configured. */
export async function transcribeVideo(input: { path: string; config: Env; signal?: AbortSignal }): Promise<Transcript | null> {
  const chosen = transcriptionModel(input.config);
  if (!chosen) return null;
  const audio = await speechAudio(input);
  try {
    const result = await transcribe({ model: chosen.model, audio, providerOptions: chosen.providerOptions, abortSignal: input.signal, maxRetries: input.config.LOUPE_PROVIDER_MAX_RETRIES });
    const segments = result.segments
      .filter((s) => s.text.trim())
      .map((s) => ({ at: s.startSecond, end: s.endSecond, label: formatTimeMark(s.startSecond), text: s.text.trim() }));
    return { model: chosen.id, language: result.language ?? null, segments, text: result.text.trim() };
  } catch (cause) {
    throw new LoupeError("provider_error", { message: `The transcription model (${chosen.id}) could not transcribe the clip's speech.`, retryable: true, cause });
  }
}
