import { readFileSync } from "node:fs";
import path from "node:path";
import opentype from "opentype.js";
import { describe, expect, it } from "vitest";
import { uiCjkChars, unicodeRange } from "../../scripts/make-ui-cjk-font.mjs";

const root = path.join(__dirname, "..", "..");

describe("the English UI's own Chinese (public/fonts/ui-cjk.otf)", () => {
  it("has a glyph for every Chinese character the English UI's strings show, and globals.css names exactly those", () => {
    const chars = uiCjkChars();
    expect(chars).toEqual(expect.arrayContaining(["中", "文", "清", "晨"]));
    const bytes = readFileSync(path.join(root, "public", "fonts", "ui-cjk.otf"));
    const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    // A stale font (a string changed without rerunning scripts/make-ui-cjk-font.mjs) fails here.
    for (const char of chars) expect(font.charToGlyph(char).path.commands.length, char).toBeGreaterThan(0);
    const css = readFileSync(path.join(root, "app", "globals.css"), "utf8");
    expect(/font-family: "Loupe UI CJK";[\s\S]*?unicode-range: ([^;]*);/.exec(css)?.[1]).toBe(unicodeRange(chars));
  });
});
