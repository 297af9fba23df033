import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { imageKey, isValidImageKey, mediaTypeOfKey, sniffImageMediaType, type ImageMediaType } from "./keys";
import { createLocalImageStore } from "./local";
import { createS3Client, createS3ImageStore } from "./s3";
import type { ImageStore } from "./types";

export { isValidImageKey, type ImageMediaType } from "./keys";
export type { ImageStore } from "./types";

/** Larger than any provider's output today; the cap keeps a bad upload from filling the disk. */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

export type StoredImageRef = {
  /** `${sha256}.${ext}`: the content address, also the URL segment. */
  key: string;
  sha256: string;
  size: number;
  /** The type the bytes really are; it can differ from the label the provider gave. */
  mediaType: ImageMediaType;
};

function storeFromEnv(): { config: string; create: () => ImageStore } {
  const e = env();
  if (e.LOUPE_S3_BUCKET) {
    const settings = {
      bucket: e.LOUPE_S3_BUCKET,
      prefix: e.LOUPE_S3_PREFIX,
      region: e.LOUPE_S3_REGION,
      endpoint: e.LOUPE_S3_ENDPOINT,
      forcePathStyle: e.LOUPE_S3_FORCE_PATH_STYLE,
      accessKeyId: e.AWS_ACCESS_KEY_ID,
      secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
    };
    return {
      config: JSON.stringify(settings),
      create: () => createS3ImageStore({ client: createS3Client(settings), bucket: settings.bucket, prefix: settings.prefix }),
    };
  }
  const root = path.resolve(e.LOUPE_DATA_DIR, "images");
  return { config: root, create: () => createLocalImageStore({ root }) };
}

// On globalThis so Next dev reloads reuse one S3 client (and its sockets) instead of leaking them.
const globalStore = globalThis as typeof globalThis & { __loupeImageStore?: { config: string; store: ImageStore } };

/** The backend the environment selects: S3 when LOUPE_S3_BUCKET is set, else local disk. */
export function imageStore(): ImageStore {
  const { config, create } = storeFromEnv();
  const cached = globalStore.__loupeImageStore;
  if (cached?.config === config) return cached.store;
  const store = create();
  globalStore.__loupeImageStore = { config, store };
  return store;
}

function checkedKey(key: string): string {
  if (!isValidImageKey(key)) throw new LoupeError("bad_request", { message: "That is not an image key." });
  return key;
}

/** Stores image bytes under their content address. Storing the same bytes again is a no-op. */
export async function storeImage({ bytes, mediaType }: { bytes: Uint8Array; mediaType?: string }): Promise<StoredImageRef> {
  if (bytes.byteLength === 0) throw new LoupeError("unsupported_media", { message: "The image is empty." });
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new LoupeError("too_large");
  const actual = sniffImageMediaType(bytes);
  if (!actual) {
    throw new LoupeError("unsupported_media", { message: `Only PNG, JPEG, WebP and GIF images can be stored (got ${mediaType ?? "unknown"}).` });
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const key = imageKey({ sha256, mediaType: actual });
  await imageStore().put({ key, bytes, mediaType: actual });
  return { key, sha256, size: bytes.byteLength, mediaType: actual };
}

/** The bytes and type of a stored image, or null when nothing is stored under the key. */
export async function readImage(key: string): Promise<{ bytes: Uint8Array; mediaType: ImageMediaType } | null> {
  const bytes = await imageStore().get(checkedKey(key));
  return bytes ? { bytes, mediaType: mediaTypeOfKey(key) } : null;
}

export async function deleteImage(key: string): Promise<void> {
  await imageStore().delete(checkedKey(key));
}

/** Every key in storage, sorted. Compare with `allStorageKeys()` from lib/db to find orphans. */
export async function listImageKeys(): Promise<string[]> {
  return imageStore().list();
}
