import "server-only";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebStream } from "node:stream/web";
import { insertImageThread } from "@/lib/db/thread-queries";
import { LoupeError } from "@/lib/errors";
import { ingestImage } from "@/lib/images/ingest";
import { probeVideo } from "@/lib/media/probe";
import { MAX_DESCRIBE_VIDEO_BYTES } from "@/lib/schemas/image-thread";
import type { VideoDescription } from "@/lib/schemas/video";
import { prepareRendition, storeImage } from "@/lib/storage";
import { storeVideoFile } from "@/lib/storage/videos";
import { extractPoster, type VideoEvidence } from "@/lib/understanding";
import { projectFor } from "../owned";
import type { StartedThread } from "./start";
import { toImageThreadView } from "./views";

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export const videoTooLarge = (bytes?: number) =>
  new LoupeError("too_large", {
    message: `${bytes ? `That clip is ${megabytes(bytes)}; ` : "That clip is too large; "}Describe reads videos of at most ${MAX_DESCRIBE_VIDEO_BYTES / (1024 * 1024)} MB. Use a shorter or smaller MP4, WebM or MOV.`,
  });

/**
 * A designer's clip for Describe (MP4, WebM or MOV up to 200 MB): the request body is streamed
 * to a temporary file — never held in memory — and cut off at the first byte over the limit,
 * whatever the headers said; then probed (a codec browsers play, the length limit), its poster
 * frame decoded (a file with no decodable frames is refused here), and both stored. The summary
 * is written when the thread's first turn is asked for (answer.ts).
 */
export async function startThreadFromVideoUpload({ ownerId, projectId, body, fileName, signal }: { ownerId: string; projectId: string | null; body: ReadableStream<Uint8Array>; fileName: string | null; signal?: AbortSignal }): Promise<StartedThread> {
  const dir = await mkdtemp(path.join(tmpdir(), "loupe-describe-"));
  try {
    const file = path.join(dir, "upload");
    await streamCapped({ body, file, max: MAX_DESCRIBE_VIDEO_BYTES, signal });
    const facts = await probeVideo({ path: file, signal });
    const poster = await ingestImage({ bytes: await extractPoster({ path: file, durationSeconds: facts.durationSeconds, signal }) });
    const project = await projectFor({ ownerId, projectId, name: "Untitled project" });
    const clip = await storeVideoFile({ path: file, mediaType: facts.mediaType });
    const stored = await storeImage(poster);
    prepareRendition({ key: stored.key, original: poster.bytes });
    const thread = await insertImageThread({
      projectId: project.id,
      ownerId,
      source: "upload",
      fileName: fileName?.slice(0, 200) || null,
      storageKey: stored.key,
      sha256: stored.sha256,
      width: facts.width,
      height: facts.height,
      mediaType: stored.mediaType,
      bytes: clip.size,
      videoKey: clip.key,
      durationMs: Math.round(facts.durationSeconds * 1000),
    });
    return { thread: toImageThreadView({ ...thread, turns: [] }), project: { id: project.id, name: project.name } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function streamCapped({ body, file, max, signal }: { body: ReadableStream<Uint8Array>; file: string; max: number; signal?: AbortSignal }): Promise<void> {
  let seen = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.byteLength;
      done(seen > max ? videoTooLarge() : null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as WebStream<Uint8Array>), cap, createWriteStream(file), { signal });
  if (seen === 0) throw new LoupeError("unsupported_media", { message: "The file is empty." });
}

const headings = {
  en: { scenes: "Scenes", text: "On-screen text", speech: "Speech", noTranscript: "No transcript", audio: "Audio", key: "Key information" },
  zh: { scenes: "场景", text: "画面文字", speech: "语音", noTranscript: "没有文字稿", audio: "音频", key: "要点" },
} as const;

/**
 * A clip's description as the thread's summary text: scenes with their time marks, on-screen
 * text, speech (or, plainly, that there is no transcript and why), the audio and the key
 * information. Follow-up questions are answered from this text and the poster frame.
 */
export function describeVideoText({ description, video, language }: { description: VideoDescription; video: VideoEvidence; language: "en" | "zh" }): string {
  const h = headings[language];
  const section = (title: string, lines: string[]) => (lines.length ? [`${title}:`, ...lines.map((l) => `- ${l}`)].join("\n") : "");
  const speech = description.speech.length
    ? section(h.speech, description.speech.map((s) => `${s.at} — ${s.text}`))
    : `${h.noTranscript}: ${video.transcriptNote || "—"}`;
  return [
    description.summary,
    section(h.scenes, description.scenes.map((s) => `${s.start}–${s.end} — ${s.description}`)),
    section(h.text, description.onScreenText.map((s) => `${s.at} — ${s.text}`)),
    speech,
    `${h.audio}: ${description.audio}`,
    section(h.key, description.keyInformation),
  ]
    .filter(Boolean)
    .join("\n\n");
}
