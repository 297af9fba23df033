import { describe, expect, it } from "vitest";
import { cjkFontFile, cjkStylesheet } from "./cjk";
import { hasCjk } from "@/lib/i18n/cjk-text";

describe("the CJK font, served only where Chinese is shown", () => {
  it("points every @font-face at this app's route, woff2 only, with the package version", async () => {
    const { css, version } = await cjkStylesheet();
    const faces = css.match(/@font-face/g)?.length ?? 0;
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(faces).toBeGreaterThan(150); // ~100 unicode-range slices per weight, two weights
    expect(urls).toHaveLength(faces);
    for (const url of urls) expect(url).toMatch(new RegExp(`^/fonts/noto-sans-sc/noto-sans-sc-[a-z0-9-]+-(400|600)-normal\\.woff2\\?v=${version.replaceAll(".", "\\.")}$`));
    expect(css).not.toContain(".woff)");
  });

  it("serves the slices its stylesheet names and nothing else", async () => {
    const { css } = await cjkStylesheet();
    const first = /\/fonts\/noto-sans-sc\/([^?]+)\?/.exec(css)![1]!;
    const bytes = await cjkFontFile(first);
    expect(Buffer.from(bytes!.subarray(0, 4)).toString("latin1")).toBe("wOF2");
    expect(await cjkFontFile("../package.json")).toBeNull();
    expect(await cjkFontFile("noto-sans-sc-0-400-normal.woff")).toBeNull();
    expect(await cjkFontFile("noto-sans-sc-0-700-normal.woff2")).toBeNull();
  });

  it("tells Chinese text from other text", () => {
    expect(hasCjk("一只猫")).toBe(true);
    expect(hasCjk("Poster，标题")).toBe(true);
    expect(hasCjk("A cat — “quoted”, café")).toBe(false);
  });
});
