import "server-only";
import type { Usage } from "@/lib/schemas/critique";
import type { VideoCritique, VideoDescription } from "@/lib/schemas/video";
import type { VideoEvidence } from "./read-video";

export type { VideoEvidence } from "./read-video";

export type VideoCritiqueInput = {
  /** The clip as read by readVideo(): its frames, audio and transcript. */
  video: VideoEvidence;
  /** The prompt the clip was rendered from, and the designer's own words. */
  prompt: string;
  draft: string;
  previousAttempts?: string[];
  language?: "en" | "zh";
  signal?: AbortSignal;
};

export type VideoCritiqueOutput = { critique: VideoCritique; usage: Usage; model: string };

export type DescribeVideoInput = { video: VideoEvidence; language?: "en" | "zh"; signal?: AbortSignal };

export type DescribeVideoOutput = { description: VideoDescription; usage: Usage; model: string };
