import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parse, type Font } from "opentype.js";

/**
 * Fonts come from @fontsource packages (OFL), never from the system, so headlines are
 * the same glyph outlines on every machine. opentype.js cannot read WOFF2, so the .woff
 * files are used.
 */
export type FontFace = "grotesk" | "grotesk-light" | "serif";

const LATIN_FILES: Record<FontFace, { pkg: string; files: string[] }> = {
  grotesk: {
    pkg: "@fontsource/space-grotesk",
    files: ["space-grotesk-latin-700-normal.woff", "space-grotesk-latin-ext-700-normal.woff", "space-grotesk-vietnamese-700-normal.woff"],
  },
  "grotesk-light": {
    pkg: "@fontsource/space-grotesk",
    files: ["space-grotesk-latin-400-normal.woff", "space-grotesk-latin-ext-400-normal.woff", "space-grotesk-vietnamese-400-normal.woff"],
  },
  serif: {
    pkg: "@fontsource/dm-serif-display",
    files: ["dm-serif-display-latin-400-normal.woff", "dm-serif-display-latin-ext-400-normal.woff"],
  },
};

/** ZCOOL QingKe HuangYou: a bold display face for Chinese, split by fontsource into unicode-range subsets. */
const CJK_PKG = "@fontsource/zcool-qingke-huangyou";
const CJK_FILE = (subset: string) => `zcool-qingke-huangyou-${subset}-400-normal.woff`;

// Resolved from the project root at run time, so bundlers leave the font files where npm put them.
const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
const packageDirs = new Map<string, string>();

function packageDir(pkg: string): string {
  let dir = packageDirs.get(pkg);
  if (!dir) {
    const manifest = `${pkg}/package.json`;
    dir = path.dirname(requireFromRoot.resolve(manifest));
    packageDirs.set(pkg, dir);
  }
  return dir;
}

const fontCache = new Map<string, Font>();

function loadFont(pkg: string, file: string): Font {
  const key = `${pkg}/${file}`;
  let font = fontCache.get(key);
  if (!font) {
    const bytes = readFileSync(path.join(packageDir(pkg), "files", file));
    font = parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    fontCache.set(key, font);
  }
  return font;
}

type Range = { from: number; to: number; subset: string };
let cjkRanges: Range[] | undefined;

function cjkSubsetRanges(): Range[] {
  if (cjkRanges) return cjkRanges;
  const unicode = JSON.parse(readFileSync(path.join(packageDir(CJK_PKG), "unicode.json"), "utf8")) as Record<string, string>;
  cjkRanges = Object.entries(unicode).flatMap(([key, ranges]) => {
    const subset = key.replace(/^\[|\]$/g, "");
    return ranges.split(",").map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, "").split("-");
      const start = Number.parseInt(from ?? "0", 16);
      return { from: start, to: to ? Number.parseInt(to, 16) : start, subset };
    });
  });
  return cjkRanges;
}

function cjkFontFor(codePoint: number): Font | undefined {
  const range = cjkSubsetRanges().find((r) => codePoint >= r.from && codePoint <= r.to);
  return range ? loadFont(CJK_PKG, CJK_FILE(range.subset)) : undefined;
}

export function latinFonts(face: FontFace): Font[] {
  const { pkg, files } = LATIN_FILES[face];
  return files.map((file) => loadFont(pkg, file));
}

/** The first font that has a real glyph for `char`: the chosen Latin face, then the CJK face. */
export function fontForChar(char: string, face: FontFace): Font | undefined {
  const codePoint = char.codePointAt(0) ?? 0;
  for (const font of latinFonts(face)) {
    if (font.charToGlyphIndex(char) > 0) return font;
  }
  const cjk = cjkFontFor(codePoint);
  if (cjk && cjk.charToGlyphIndex(char) > 0) return cjk;
  return undefined;
}
