import "server-only";
import { LoupeError, type ErrorCode } from "@/lib/errors";
import { formatTimeMark } from "@/lib/schemas/video";

/**
 * What can be wrong with a video, for both pipelines (a provider's clip in generation, an upload
 * in understanding). Each reason maps to an existing public error code, so the browser needs no
 * new one, with a sentence that says exactly what was wrong and what Loupe accepts.
 */
export type MediaProblem =
  | { reason: "unsupported_codec"; codec: string }
  | { reason: "unsupported_container"; container?: string }
  | { reason: "no_frames" }
  | { reason: "too_long"; seconds: number; maxSeconds: number }
  | { reason: "too_large"; bytes: number; maxBytes: number }
  | { reason: "never_finished"; label: string; seconds: number }
  | { reason: "decoder_missing"; path: string }
  | { reason: "decoder_failed"; detail: string };

export type MediaProblemReason = MediaProblem["reason"];

const codeFor: Record<MediaProblemReason, ErrorCode> = {
  unsupported_codec: "unsupported_media",
  unsupported_container: "unsupported_media",
  no_frames: "unsupported_media",
  too_long: "too_large",
  too_large: "too_large",
  never_finished: "provider_timeout",
  decoder_missing: "internal",
  decoder_failed: "unsupported_media",
};

export const SUPPORTED_VIDEO = "MP4, WebM or MOV with H.264, H.265, VP8, VP9 or AV1 video";

const megabytes = (bytes: number) => `${Math.round(bytes / 1_000_000)} MB`;

function messageOf(problem: MediaProblem): string {
  switch (problem.reason) {
    case "unsupported_codec":
      return `The video is encoded as ${problem.codec}, which Loupe cannot read. Use ${SUPPORTED_VIDEO}.`;
    case "unsupported_container":
      return `That file is not a video Loupe can read${problem.container ? ` (${problem.container})` : ""}. Use ${SUPPORTED_VIDEO}.`;
    case "no_frames":
      return "The video has no frames that could be decoded: the file is empty, cut short or damaged.";
    case "too_long":
      return `The video is ${formatTimeMark(problem.seconds)} long; the most Loupe reads is ${formatTimeMark(problem.maxSeconds)}.`;
    case "too_large":
      return `The video is larger than the ${megabytes(problem.maxBytes)} Loupe accepts${problem.bytes > problem.maxBytes ? ` (${megabytes(problem.bytes)})` : ""}.`;
    case "never_finished":
      return `${problem.label} did not finish the clip within ${problem.seconds < 10 ? problem.seconds.toFixed(1) : Math.round(problem.seconds)} s, so Loupe stopped waiting. Your prompt is kept: try again, or choose another provider.`;
    case "decoder_missing":
      return "The video tools are missing on this server (ffmpeg was not found). An operator needs to reinstall or set FFMPEG_PATH.";
    case "decoder_failed":
      return `The video could not be read: ${problem.detail}`;
  }
}

/** A LoupeError that also says which media problem it is, for callers and tests that branch on it. */
export class MediaError extends LoupeError {
  readonly problem: MediaProblem;

  constructor(problem: MediaProblem, options: { cause?: unknown } = {}) {
    super(codeFor[problem.reason], { message: messageOf(problem), cause: options.cause, retryable: problem.reason === "never_finished" });
    this.name = "MediaError";
    this.problem = problem;
  }

  get reason(): MediaProblemReason {
    return this.problem.reason;
  }
}
