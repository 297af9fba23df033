// Writes public/fonts/ui-cjk.otf: the Chinese characters the English UI shows from its own
// strings (the language switch's "中文", the Chinese first-run example) from Noto Sans SC 400,
// and the matching unicode-range in app/globals.css. English pages do not load the Chinese font
// (lib/fonts/cjk.ts); on a system without CJK fonts this keeps those strings legible instead of
// empty boxes, for a few kB fetched only where no font earlier in the stack has the glyphs.
// Run after changing those strings or upgrading @fontsource/noto-sans-sc (a unit test checks):
//   node scripts/make-ui-cjk-font.mjs
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import opentype from "opentype.js";

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..");
const pkgDir = path.dirname(require.resolve("@fontsource/noto-sans-sc/package.json"));
const WEIGHT = 400;
/** Where the English UI's own Chinese comes from. */
export const UI_CJK_SOURCES = ["lib/i18n/messages/en.ts", "components/ui/language-switch.tsx"];
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/gu;

/** The distinct CJK characters of those files, in code point order. */
export function uiCjkChars() {
  const text = UI_CJK_SOURCES.map((file) => readFileSync(path.join(root, file), "utf8")).join("");
  return [...new Set(text.match(CJK) ?? [])].sort((a, b) => a.codePointAt(0) - b.codePointAt(0));
}

/** The CSS unicode-range of those characters. */
export const unicodeRange = (chars) => chars.map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase()}`).join(", ");

/** Each fontsource slice (unicode-range subset) with the characters it holds. */
function slices(chars) {
  const css = readFileSync(path.join(pkgDir, `${WEIGHT}.css`), "utf8");
  const byFile = new Map();
  for (const char of chars) {
    const code = char.codePointAt(0);
    const face = css.split("@font-face").slice(1).find((f) =>
      /unicode-range: ([^;]+);/.exec(f)[1].split(",").map((r) => r.trim().slice(2).split("-").map((h) => parseInt(h, 16))).some(([from, to = from]) => code >= from && code <= to),
    );
    if (!face) throw new Error(`no slice of Noto Sans SC ${WEIGHT} has ${char}`);
    const file = /files\/([^)]+\.woff)\)/.exec(face)[1];
    byFile.set(file, [...(byFile.get(file) ?? []), char]);
  }
  return byFile;
}

function build() {
  const chars = uiCjkChars();
  let metrics;
  const glyphs = [];
  for (const [file, inFile] of slices(chars)) {
    const bytes = readFileSync(path.join(pkgDir, "files", file));
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    metrics ??= { unitsPerEm: font.unitsPerEm, ascender: font.ascender, descender: font.descender };
    for (const char of inFile) {
      const glyph = font.charToGlyph(char);
      const code = char.codePointAt(0);
      glyphs.push(new opentype.Glyph({ name: `uni${code.toString(16).toUpperCase()}`, unicode: code, advanceWidth: glyph.advanceWidth, path: glyph.path }));
    }
  }
  const notdef = new opentype.Glyph({ name: ".notdef", unicode: 0, advanceWidth: metrics.unitsPerEm, path: new opentype.Path() });
  const font = new opentype.Font({
    familyName: "Loupe UI CJK",
    styleName: "Regular",
    ...metrics,
    copyright: "Glyphs from Noto Sans SC, Copyright Google Inc.",
    license: "SIL Open Font License 1.1 (see LICENSE-noto-sans-sc.txt)",
    glyphs: [notdef, ...glyphs],
  });
  writeFileSync(path.join(root, "public", "fonts", "ui-cjk.otf"), Buffer.from(font.toArrayBuffer()));
  copyFileSync(path.join(pkgDir, "LICENSE"), path.join(root, "public", "fonts", "LICENSE-noto-sans-sc.txt"));
  const cssFile = path.join(root, "app", "globals.css");
  const css = readFileSync(cssFile, "utf8").replace(/(font-family: "Loupe UI CJK";[\s\S]*?unicode-range: )[^;]*;/, `$1${unicodeRange(chars)};`);
  writeFileSync(cssFile, css);
  console.log(`wrote public/fonts/ui-cjk.otf (${chars.length} characters) and its unicode-range in app/globals.css`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) build();
