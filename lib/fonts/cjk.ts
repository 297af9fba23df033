import "server-only";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

/*
 * Noto Sans SC for Chinese text, served only to pages that show Chinese. Its @font-face rules
 * (one per unicode-range slice, ~100 per weight) weigh ~68 kB gzipped as CSS, and CSS blocks the
 * first paint: bundled into the root layout, every English page paid for it. The glyph files
 * themselves are only fetched for the slices a page uses.
 */

/** Where the stylesheet is served (app/fonts/noto-sans-sc/[file]/route.ts). */
export const CJK_FONT_BASE = "/fonts/noto-sans-sc";
const WEIGHTS = [400, 600] as const;
const FILE_NAME = /^noto-sans-sc-[a-z0-9-]+-(?:400|600)-normal\.woff2$/;

// Resolved from the app's root at run time (next start runs there), as the other font readers do.
const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
const packageDir = () => path.dirname(requireFromRoot.resolve("@fontsource/noto-sans-sc/package.json"));

let stylesheet: Promise<{ css: string; version: string }> | null = null;

/** The two weights' rules with their URLs pointing at this route, woff2 only (every browser Loupe supports). */
export function cjkStylesheet(): Promise<{ css: string; version: string }> {
  stylesheet ??= buildStylesheet().catch((error: unknown) => {
    stylesheet = null;
    throw error;
  });
  return stylesheet;
}

async function buildStylesheet() {
  const dir = packageDir();
  const { version } = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as { version: string };
  const sheets = await Promise.all(WEIGHTS.map((weight) => readFile(path.join(dir, `${weight}.css`), "utf8")));
  const css = sheets
    .join("\n")
    .replace(/url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\), url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g, (_, file: string) => `url(${CJK_FONT_BASE}/${file}?v=${version}) format('woff2')`);
  return { css, version };
}

/** The bytes of one glyph file, or null for a name that is not one of ours. */
export async function cjkFontFile(name: string): Promise<Uint8Array | null> {
  if (!FILE_NAME.test(name)) return null;
  return readFile(path.join(packageDir(), "files", name)).catch(() => null);
}
