import "server-only";
import { env } from "@/lib/env";
import { MediaError } from "@/lib/media/errors";
import { checkDecodes, probeVideo, type VideoFacts } from "@/lib/media/probe";
import { analyseAudio, type AudioSummary } from "./audio";
import { extractFrames, type VideoFrame } from "./frames";
import { transcribeVideo, transcriptionConfigured, type Transcript } from "./transcribe";

/** Everything a video critique or description is built from: facts, labelled frames, the audio, the transcript. */
export type VideoEvidence = {
  facts: VideoFacts;
  frames: VideoFrame[];
  audio: AudioSummary;
  transcript: Transcript | null;
  /** Why there is no transcript, in words the UI can show ("" when there is one). */
  transcriptNote: string;
};

/**
 * Reads a video file on the server: checks it against the limits (LOUPE_VIDEO_MAX_BYTES,
 * LOUPE_VIDEO_MAX_SECONDS) and that its frames decode, samples frames at scene changes and even
 * spacing, measures the audio, and transcribes speech when a transcription model is configured
 * and there is sound. Every failure is a MediaError saying what was wrong.
 */
export async function readVideo(input: { path: string; signal?: AbortSignal }): Promise<VideoEvidence> {
  const config = env();
  const facts = await withDuration(await probeVideo({ path: input.path, signal: input.signal }), input);
  if (facts.bytes > config.LOUPE_VIDEO_MAX_BYTES) throw new MediaError({ reason: "too_large", bytes: facts.bytes, maxBytes: config.LOUPE_VIDEO_MAX_BYTES });
  if (facts.durationSeconds > config.LOUPE_VIDEO_MAX_SECONDS) throw new MediaError({ reason: "too_long", seconds: facts.durationSeconds, maxSeconds: config.LOUPE_VIDEO_MAX_SECONDS });
  await checkDecodes({ path: input.path, signal: input.signal });
  const frames = await extractFrames({ path: input.path, durationSeconds: facts.durationSeconds, signal: input.signal });
  const audio = await analyseAudio({ path: input.path, durationSeconds: facts.durationSeconds, hasTrack: facts.audioCodec !== null, signal: input.signal });
  const hasSound = audio.loudness !== "none" && audio.loudness !== "silent";
  const transcript = hasSound && transcriptionConfigured(config) ? await transcribeVideo({ path: input.path, config, signal: input.signal }) : null;
  return { facts, frames, audio, transcript, transcriptNote: transcriptNote({ transcript, hasSound, configured: transcriptionConfigured(config) }) };
}

/**
 * A file written as a stream (a WebM recorded in a browser, a pipe) may carry no duration in its
 * header: then it is counted, by decoding every frame once, as frames ÷ frame rate.
 */
async function withDuration(facts: VideoFacts, input: { path: string; signal?: AbortSignal }): Promise<VideoFacts> {
  if (facts.durationSeconds > 0) return facts;
  const frames = await checkDecodes({ path: input.path, whole: true, signal: input.signal });
  return { ...facts, durationSeconds: Math.round((frames / (facts.fps ?? 24)) * 1000) / 1000 };
}

function transcriptNote(input: { transcript: Transcript | null; hasSound: boolean; configured: boolean }): string {
  if (input.transcript) return input.transcript.segments.length === 0 ? "The transcription model heard no speech." : "";
  if (!input.hasSound) return "No transcript: the clip has no sound.";
  return "No transcript: no transcription model is configured (LOUPE_TRANSCRIPTION_MODEL), so speech was not transcribed.";
}

export { extractPoster } from "./frames";
