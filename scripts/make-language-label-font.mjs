// Writes public/fonts/language-label.otf: the two glyphs of the language switch's "中文" from
// Noto Sans SC (weight 500, as the switch draws them), ~2 kB. English pages no longer load the
// Chinese font (lib/fonts/cjk.ts); on a system without CJK fonts this keeps the switch legible
// instead of two empty boxes. Run after upgrading @fontsource/noto-sans-sc:
//   node scripts/make-language-label-font.mjs
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import opentype from "opentype.js";

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve("@fontsource/noto-sans-sc/package.json"));
const outDir = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "public", "fonts");
const TEXT = "中文";
const WEIGHT = 500;

/** The fontsource slice (unicode-range subset) that holds a character, from the weight's CSS. */
function sliceFor(char) {
  const css = readFileSync(path.join(pkgDir, `${WEIGHT}.css`), "utf8");
  const code = char.codePointAt(0);
  for (const face of css.split("@font-face").slice(1)) {
    const ranges = /unicode-range: ([^;]+);/.exec(face)[1].split(",").map((r) => r.trim().slice(2).split("-").map((h) => parseInt(h, 16)));
    if (ranges.some(([from, to = from]) => code >= from && code <= to)) return /files\/([^)]+\.woff)\)/.exec(face)[1];
  }
  throw new Error(`no slice of Noto Sans SC ${WEIGHT} has ${char}`);
}

let metrics;
const glyphs = [...TEXT].map((char) => {
  const bytes = readFileSync(path.join(pkgDir, "files", sliceFor(char)));
  const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  metrics ??= { unitsPerEm: font.unitsPerEm, ascender: font.ascender, descender: font.descender };
  const glyph = font.charToGlyph(char);
  const code = char.codePointAt(0);
  return new opentype.Glyph({ name: `uni${code.toString(16).toUpperCase()}`, unicode: code, advanceWidth: glyph.advanceWidth, path: glyph.path });
});
const notdef = new opentype.Glyph({ name: ".notdef", unicode: 0, advanceWidth: metrics.unitsPerEm, path: new opentype.Path() });
const font = new opentype.Font({
  familyName: "Loupe Language Label",
  styleName: "Medium",
  ...metrics,
  copyright: "Glyphs from Noto Sans SC, Copyright Google Inc.",
  license: "SIL Open Font License 1.1 (see LICENSE-noto-sans-sc.txt)",
  glyphs: [notdef, ...glyphs],
});
writeFileSync(path.join(outDir, "language-label.otf"), Buffer.from(font.toArrayBuffer()));
copyFileSync(path.join(pkgDir, "LICENSE"), path.join(outDir, "LICENSE-noto-sans-sc.txt"));
console.log(`wrote ${path.join(outDir, "language-label.otf")}`);
