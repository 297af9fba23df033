import "server-only";

/** Image types Loupe stores and serves. SVG is left out on purpose: it can carry script. */
export const imageExtensions = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
} as const;
export type ImageMediaType = keyof typeof imageExtensions;

// Keys arrive from URLs: only a lowercase SHA-256 and a known extension, nothing that could walk a path.
const KEY_PATTERN = /^[0-9a-f]{64}\.(png|jpg|webp|gif)$/;

export function isValidImageKey(key: unknown): key is string {
  return typeof key === "string" && KEY_PATTERN.test(key);
}

export function imageKey({ sha256, mediaType }: { sha256: string; mediaType: ImageMediaType }): string {
  return `${sha256}.${imageExtensions[mediaType]}`;
}

export function mediaTypeOfKey(key: string): ImageMediaType {
  const extension = key.slice(key.lastIndexOf(".") + 1);
  const found = (Object.keys(imageExtensions) as ImageMediaType[]).find((type) => imageExtensions[type] === extension);
  if (!found) throw new Error(`Not an image key: ${key}`);
  return found;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The type the bytes really are, from their signature. Providers sometimes label a JPEG as
 * PNG; what is stored and served follows the bytes, never the label.
 */
export function sniffImageMediaType(bytes: Uint8Array): ImageMediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}
