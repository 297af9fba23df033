import "server-only";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import sharp from "sharp";
import { readImage } from "@/lib/storage";

/*
 * Inputs of the social preview image. Everything comes from disk or storage: the preview
 * must render on a machine without network, so no font or image is ever fetched.
 */

export type PreviewFont = { name: string; data: ArrayBuffer; weight: 500 | 700; style: "normal" };

// Resolved from the project root at run time, so the bundler leaves the font files where npm put them.
const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
let fonts: Promise<PreviewFont[]> | undefined;

/** Space Grotesk (OFL) from @fontsource; WOFF because Satori cannot read WOFF2. Latin only: the preview shows no user text. */
export function previewFonts(): Promise<PreviewFont[]> {
  fonts ??= (async () => {
    const dir = path.join(path.dirname(requireFromRoot.resolve("@fontsource/space-grotesk/package.json")), "files");
    const load = async (weight: 500 | 700): Promise<PreviewFont> => {
      const bytes = await readFile(path.join(dir, `space-grotesk-latin-${weight}-normal.woff`));
      return { name: "Space Grotesk", weight, style: "normal", data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    };
    return Promise.all([load(500), load(700)]);
  })();
  fonts.catch(() => (fonts = undefined));
  return fonts;
}

/**
 * The stored image as a JPEG data URL that fits `box`, or null when the bytes are missing.
 * Re-encoded because Satori reads few formats (not WebP) and a small JPEG keeps the PNG fast.
 */
export async function previewImage({ key, box }: { key: string; box: number }): Promise<{ src: string; width: number; height: number } | null> {
  const stored = await readImage(key);
  if (!stored) return null;
  const { data, info } = await sharp(stored.bytes)
    .rotate()
    .resize(box, box, { fit: "inside", withoutEnlargement: false })
    .flatten({ background: "#0b0a0d" })
    .jpeg({ quality: 86, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { src: `data:image/jpeg;base64,${data.toString("base64")}`, width: info.width, height: info.height };
}
