import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { LoupeError } from "@/lib/errors";
import { MediaError } from "@/lib/media/errors";

/** A clip on disk, as the provider delivered it. */
export type DownloadedVideo = { path: string; bytes: number; mediaType: string | undefined };

type DownloadFunction = (options: { url: URL; abortSignal?: AbortSignal }) => Promise<{ data: Uint8Array; mediaType: string | undefined }>;

/**
 * The AI SDK's download hook for `experimental_generateVideo`, which would otherwise buffer
 * every provider's clip whole in memory. This one streams the file to `dir` through the guarded
 * fetch, counting bytes against `maxBytes` (it stops at the first byte over, whatever the
 * headers claimed), and hands the SDK an empty body as a token; `fileFor(token)` then gives the
 * file. Provider URLs may carry keys (Google appends `?key=`), so no URL goes into a message.
 */
export function createVideoDownloader(input: { dir: string; maxBytes: number; fetch: typeof globalThis.fetch; label: string }) {
  const files = new WeakMap<Uint8Array, DownloadedVideo>();
  const tooLarge = (bytes: number) => new MediaError({ reason: "too_large", bytes, maxBytes: input.maxBytes });

  const download: DownloadFunction = async ({ url, abortSignal }) => {
    const target = path.join(input.dir, `download-${randomUUID()}`);
    let response: Response;
    try {
      response = await input.fetch(url.toString(), { signal: abortSignal });
    } catch (error) {
      throw asDownloadError(error, { label: input.label, tooLarge });
    }
    if (!response.ok || !response.body) {
      void response.body?.cancel();
      throw new LoupeError("provider_error", { message: `${input.label} finished the clip, but its file could not be fetched (${response.status}).`, retryable: response.status >= 500 });
    }
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > input.maxBytes) {
      void response.body.cancel();
      throw tooLarge(declared);
    }
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.byteLength;
        callback(bytes > input.maxBytes ? tooLarge(bytes) : null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), counter, createWriteStream(target), { signal: abortSignal });
    } catch (error) {
      await rm(target, { force: true });
      throw asDownloadError(error, { label: input.label, tooLarge });
    }
    const token = new Uint8Array(0);
    files.set(token, { path: target, bytes, mediaType: usableType(response.headers.get("content-type")) });
    return { data: token, mediaType: usableType(response.headers.get("content-type")) };
  };

  return { download, fileFor: (data: Uint8Array) => files.get(data) };
}

const usableType = (value: string | null) => {
  const type = value?.split(";")[0]?.trim().toLowerCase();
  return type && type !== "application/octet-stream" ? type : undefined;
};

/** The guarded fetch's own cap and timeout speak of "the image provider": say it for a clip. */
function asDownloadError(error: unknown, context: { label: string; tooLarge: (bytes: number) => MediaError }): unknown {
  if (error instanceof MediaError) return error;
  if (error instanceof LoupeError && error.code === "too_large") return context.tooLarge(Number.NaN);
  if (error instanceof LoupeError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof MediaError) return cause;
  if ((error as { name?: string } | null)?.name === "AbortError") return error;
  return new LoupeError("provider_error", { message: `${context.label} finished the clip, but its download failed.`, retryable: true, cause: error });
}
