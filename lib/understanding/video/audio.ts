import "server-only";
import { runFfmpeg } from "@/lib/media/ffmpeg";

/** What the soundtrack is, measured: whether there is one, how loud, and for how long there is sound. */
export type AudioSummary = {
  track: boolean;
  meanDb: number | null;
  peakDb: number | null;
  /** Seconds with sound above −45 dB (silences shorter than 0.3 s count as sound). */
  soundSeconds: number;
  loudness: "none" | "silent" | "quiet" | "moderate" | "loud";
  /** One honest sentence, for the Offline engine and for Claude's context. */
  description: string;
};

const SILENCE_DB = -45;

export function noTrack(): AudioSummary {
  return { track: false, meanDb: null, peakDb: null, soundSeconds: 0, loudness: "none", description: "No audio track: the clip is silent." };
}

/** Measures the first audio track with ffmpeg's volumedetect and silencedetect (one decode of the audio only). */
export async function analyseAudio(input: { path: string; durationSeconds: number; hasTrack: boolean; signal?: AbortSignal }): Promise<AudioSummary> {
  if (!input.hasTrack) return noTrack();
  const run = await runFfmpeg({ args: ["-i", input.path, "-vn", "-sn", "-map", "0:a:0", "-af", `silencedetect=noise=${SILENCE_DB}dB:d=0.3,volumedetect`, "-f", "null", "-"], signal: input.signal, timeoutMs: 300_000 });
  return summariseAudio(run.stderr, input.durationSeconds);
}

/** Reads ffmpeg's volumedetect and silencedetect lines (exported for tests with recorded logs). */
export function summariseAudio(log: string, durationSeconds: number): AudioSummary {
  const meanDb = numberAfter(log, /mean_volume: (-?[\d.]+) dB/);
  const peakDb = numberAfter(log, /max_volume: (-?[\d.]+) dB/);
  if (meanDb === null || peakDb === null) return noTrack();
  const silences = [...log.matchAll(/silence_duration: ([\d.]+)/g)].map((m) => Number(m[1]));
  // A silence still open at the end has a start but no duration line.
  const openStart = /silence_start: ([\d.]+)(?![\s\S]*silence_end)/.exec(log)?.[1];
  const silent = silences.reduce((a, b) => a + b, 0) + (openStart ? Math.max(0, durationSeconds - Number(openStart)) : 0);
  const soundSeconds = Math.max(0, Math.round((durationSeconds - silent) * 10) / 10);
  const loudness = peakDb <= SILENCE_DB || soundSeconds < 0.1 ? "silent" : meanDb < -35 ? "quiet" : meanDb < -16 ? "moderate" : "loud";
  const levels = `mean ${formatDb(meanDb)}, peak ${formatDb(peakDb)}`;
  const description =
    loudness === "silent"
      ? `An audio track, but silent throughout (peak ${formatDb(peakDb)}).`
      : `Sound for ${soundSeconds.toFixed(1)} s of ${durationSeconds.toFixed(1)} s, ${loudness} (${levels}).`;
  return { track: true, meanDb, peakDb, soundSeconds, loudness, description };
}

function numberAfter(log: string, pattern: RegExp): number | null {
  const match = pattern.exec(log);
  return match ? Number(match[1]) : null;
}

const formatDb = (db: number) => `${db < 0 ? "−" : ""}${Math.abs(Math.round(db))} dB`;
