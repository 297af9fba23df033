import "server-only";
import { getOwnedImage } from "@/lib/db/edit-queries";
import { LoupeError } from "@/lib/errors";
import { maskAsWhitePng, readMask } from "@/lib/images/mask";
import { storeImage } from "@/lib/storage";

export type StoredMask = { maskKey: string; share: number; width: number; height: number };

/**
 * Keeps a region painted on one of the owner's renders: checked against that image (a PNG or
 * WebP of its shape, neither empty nor everything — EditError says which) and stored as white on
 * black at the image's size, the form History and Compare draw and every provider's mask is
 * made from. Answers the key a Generate request names.
 */
export async function storeMask({ ownerId, imageId, bytes }: { ownerId: string; imageId: string; bytes: Uint8Array }): Promise<StoredMask> {
  const image = await getOwnedImage({ ownerId, imageId });
  if (!image) throw new LoupeError("not_found", { message: "That image was not found." });
  const mask = await readMask({ bytes, width: image.width, height: image.height });
  const stored = await storeImage({ bytes: await maskAsWhitePng(mask), mediaType: "image/png" });
  return { maskKey: stored.key, share: mask.share, width: mask.width, height: mask.height };
}
