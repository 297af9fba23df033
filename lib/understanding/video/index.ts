import "server-only";

export { readVideo, extractPoster, type VideoEvidence } from "./read-video";
export type { VideoFrame } from "./frames";
export type { AudioSummary } from "./audio";
export type { Transcript } from "./transcribe";
export type { DescribeVideoInput, DescribeVideoOutput, VideoCritiqueInput, VideoCritiqueOutput } from "./types";
