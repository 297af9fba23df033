import "server-only";
import { createHash } from "node:crypto";
import { LoupeError } from "@/lib/errors";
import { imageKey, isValidImageKey, mediaTypeOfKey, sniffImageMediaType, type ImageMediaType } from "./keys";
import { deleteRenditions } from "./renditions";
import { imageStore } from "./stores";

export { isValidImageKey, type ImageMediaType } from "./keys";
export { chooseRendition, openRendition, prepareRendition, readRendition, type Rendition, type RenditionBody } from "./renditions";
export { imageStore } from "./stores";
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

/** The original's bytes to send: streamed from disk where the store can, else read whole. */
export async function openImage(key: string): Promise<{ body: { stream: ReadableStream<Uint8Array>; size: number } | { bytes: Uint8Array }; mediaType: ImageMediaType } | null> {
  const store = imageStore();
  const opened = await store.open?.(checkedKey(key));
  if (opened) return { body: opened, mediaType: mediaTypeOfKey(key) };
  const bytes = await store.get(checkedKey(key));
  return bytes ? { body: { bytes }, mediaType: mediaTypeOfKey(key) } : null;
}

/** Deletes the original and every cached rendition of it. */
export async function deleteImage(key: string): Promise<void> {
  await imageStore().delete(checkedKey(key));
  await deleteRenditions(key);
}

/** When the bytes under the key were last stored, or null when there are none. */
export async function imageModifiedAt(key: string): Promise<Date | null> {
  return imageStore().modifiedAt(checkedKey(key));
}

/** Every key in storage, sorted. Compare with `referencedStorageKeys()` from lib/db to find orphans. */
export async function listImageKeys(): Promise<string[]> {
  return imageStore().list();
}
