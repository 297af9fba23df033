import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { createS3Client, headOrNull, isNotFound, listKeys } from "./s3";

/*
 * Clips: content-addressed like images (`<sha256>.webm|mp4|mov`), but never held whole in
 * memory — stored from a file on disk by streaming, and read back as a byte range so a
 * player can seek and ten viewers of a 100 MB clip cost ten small buffers, not ten copies.
 */

export const videoExtensions = { "video/webm": "webm", "video/mp4": "mp4", "video/quicktime": "mov" } as const;
export type VideoMediaType = keyof typeof videoExtensions;

const KEY_PATTERN = /^[0-9a-f]{64}\.(webm|mp4|mov)$/;

export function isValidVideoKey(key: unknown): key is string {
  return typeof key === "string" && KEY_PATTERN.test(key);
}

export function videoMediaTypeOfKey(key: string): VideoMediaType {
  const extension = key.slice(key.lastIndexOf(".") + 1);
  const found = (Object.keys(videoExtensions) as VideoMediaType[]).find((type) => videoExtensions[type] === extension);
  if (!found) throw new LoupeError("bad_request", { message: "That is not a video key." });
  return found;
}

/** An inclusive byte range of a stored clip. */
export type ByteRange = { start: number; end: number };

export type VideoStore = {
  readonly kind: "local" | "s3";
  /** Streams the file at `path` in under `key`; a key already present is left as is. */
  putFile: (input: { key: string; path: string; mediaType: VideoMediaType }) => Promise<void>;
  size: (key: string) => Promise<number | null>;
  /** The bytes of `range` (the whole clip without one), as a stream; null when nothing is stored under the key. */
  open: (input: { key: string; range?: ByteRange }) => Promise<ReadableStream<Uint8Array> | null>;
  delete: (key: string) => Promise<void>;
  /** When the bytes under the key were last stored (or re-stored), or null when there are none; the sweeper's grace period reads it. */
  modifiedAt: (key: string) => Promise<Date | null>;
  /** Every clip key in storage, sorted (the sweeper compares them with the rows that refer to clips). */
  list: () => Promise<string[]>;
  /** The clip's own file when the store is a local disk (no copy needed to read it with ffmpeg). */
  pathOf?: (key: string) => string;
};

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

export function createLocalVideoStore({ root }: { root: string }): VideoStore {
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key);
  const stat = async (key: string) => {
    try {
      return await fs.stat(fileOf(key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };
  const size = async (key: string) => (await stat(key))?.size ?? null;
  return {
    kind: "local",
    size,
    pathOf: fileOf,
    async putFile({ key, path: source }) {
      const file = fileOf(key);
      if ((await size(key)) !== null) {
        // Re-storing is a fresh use of the bytes, as for images: the orphan sweeper's grace period starts again.
        const now = new Date();
        await fs.utimes(file, now, now).catch(() => undefined);
        return;
      }
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Copied beside the target and renamed: a reader sees no file or the whole file, never a torn one.
      const temp = path.join(path.dirname(file), `.${key}.${randomUUID()}.tmp`);
      try {
        await fs.copyFile(source, temp);
        const handle = await fs.open(temp, "r+");
        await handle.sync().finally(() => handle.close());
        await fs.rename(temp, file);
      } finally {
        await fs.rm(temp, { force: true });
      }
    },
    async open({ key, range }) {
      if ((await size(key)) === null) return null;
      const stream = createReadStream(fileOf(key), range ? { start: range.start, end: range.end, highWaterMark: 256 * 1024 } : { highWaterMark: 256 * 1024 });
      return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
    modifiedAt: async (key) => (await stat(key))?.mtime ?? null,
    async list() {
      let shards: string[];
      try {
        shards = (await fs.readdir(root)).filter((name) => /^[0-9a-f]{2}$/.test(name));
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      // Temporary files start with a dot and end in .tmp, so isValidVideoKey leaves them out.
      const perShard = await Promise.all(shards.map(async (shard) => (await fs.readdir(path.join(root, shard))).filter(isValidVideoKey)));
      return perShard.flat().sort();
    },
  };
}

export function createS3VideoStore({ client, bucket, prefix }: { client: S3Client; bucket: string; prefix: string }): VideoStore {
  const objectKey = (key: string) => `${prefix}${key}`;
  const place = { client, bucket, prefix };
  const size = async (key: string) => (await headOrNull(place, key))?.ContentLength ?? null;
  return {
    kind: "s3",
    size,
    async putFile({ key, path: source, mediaType }) {
      if ((await size(key)) !== null) return;
      const { size: length } = await fs.stat(source);
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: objectKey(key), Body: createReadStream(source), ContentLength: length, ContentType: mediaType, CacheControl: "private, max-age=31536000, immutable" }),
      );
    },
    async open({ key, range }) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
        return object.Body ? (object.Body.transformToWebStream() as ReadableStream<Uint8Array>) : null;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
    async modifiedAt(key) {
      return (await headOrNull(place, key))?.LastModified ?? null;
    },
    list: () => listKeys(place, isValidVideoKey),
  };
}

const globalStore = globalThis as typeof globalThis & { __loupeVideoStore?: { config: ReturnType<typeof env>; store: VideoStore } };

/** Beside the images: `<data>/videos/` on disk, or `<prefix>videos/` in the bucket. */
export function videoStore(): VideoStore {
  const config = env();
  const cached = globalStore.__loupeVideoStore;
  if (cached?.config === config) return cached.store;
  const store = config.LOUPE_S3_BUCKET
    ? createS3VideoStore({
        client: createS3Client({
          bucket: config.LOUPE_S3_BUCKET,
          prefix: config.LOUPE_S3_PREFIX,
          region: config.LOUPE_S3_REGION,
          endpoint: config.LOUPE_S3_ENDPOINT,
          forcePathStyle: config.LOUPE_S3_FORCE_PATH_STYLE,
          accessKeyId: config.AWS_ACCESS_KEY_ID,
          secretAccessKey: config.AWS_SECRET_ACCESS_KEY,
        }),
        bucket: config.LOUPE_S3_BUCKET,
        prefix: `${config.LOUPE_S3_PREFIX}videos/`,
      })
    : createLocalVideoStore({ root: path.resolve(config.LOUPE_DATA_DIR, "videos") });
  globalStore.__loupeVideoStore = { config, store };
  return store;
}

export type StoredVideoRef = { key: string; sha256: string; size: number; mediaType: VideoMediaType };

/** Hashes the file by streaming it (never read whole), then stores it under its content address. */
export async function storeVideoFile({ path: file, mediaType }: { path: string; mediaType: VideoMediaType }): Promise<StoredVideoRef> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const sha256 = hash.digest("hex");
  const key = `${sha256}.${videoExtensions[mediaType]}`;
  const { size } = await fs.stat(file);
  await videoStore().putFile({ key, path: file, mediaType });
  return { key, sha256, size, mediaType };
}

/**
 * Runs `read` with the stored clip as a file ffmpeg can read: the file itself on disk, or a
 * streamed temporary copy of the S3 object, removed afterwards.
 */
export async function withVideoFile<T>({ key }: { key: string }, read: (file: string) => Promise<T>): Promise<T> {
  const store = videoStore();
  if (store.pathOf) {
    if ((await store.size(key)) === null) throw new LoupeError("not_found", { message: "The stored clip is missing." });
    return read(store.pathOf(key));
  }
  const body = await store.open({ key });
  if (!body) throw new LoupeError("not_found", { message: "The stored clip is missing." });
  const dir = await fs.mkdtemp(path.join(tmpdir(), "loupe-clip-"));
  try {
    const file = path.join(dir, key);
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), createWriteStream(file));
    return await read(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
