import { describe, expect, it } from "vitest";
import { hexToHsl } from "./color";
import { interpretPrompt } from "./interpret";

const hue = (hex: string) => hexToHsl(hex).h;

describe("interpretPrompt", () => {
  it("takes the headline and subtitle from straight, curly and CJK quotes", () => {
    expect(interpretPrompt('poster, headline "SUMMER" and tagline "Open late"')).toMatchObject({ headline: "SUMMER", subline: "Open late" });
    expect(interpretPrompt("poster with “Night Drive” in bold").headline).toBe("Night Drive");
    expect(interpretPrompt("海报，标题「夏日海岸」").headline).toBe("夏日海岸");
    expect(interpretPrompt("a quiet lake at dawn").headline).toBeUndefined();
  });

  it("reads colours in prompt order, in English and Chinese, with modifiers", () => {
    const english = interpretPrompt("teal background with coral accents");
    expect(english.colors).toHaveLength(2);
    expect(hue(english.colors[0]!)).toBeGreaterThan(150);
    expect(hue(english.colors[0]!)).toBeLessThan(200);
    expect(hue(english.colors[1]!)).toBeLessThan(20);

    const chinese = interpretPrompt("红色和金色的海报，蓝色点缀");
    expect(chinese.colors).toHaveLength(3);
    expect(hue(chinese.colors[0]!) < 10 || hue(chinese.colors[0]!) > 340).toBe(true);
    expect(hue(chinese.colors[2]!)).toBeGreaterThan(200);

    const deep = interpretPrompt("deep red");
    const plain = interpretPrompt("red");
    expect(hexToHsl(deep.colors[0]!).l).toBeLessThan(hexToHsl(plain.colors[0]!).l);
  });

  it("does not take colour-like phrases for colours", () => {
    expect(interpretPrompt("lots of white space, black and white photo").colors).toEqual([]);
    expect(interpretPrompt("顶部留白，黑白").colors).toEqual([]);
    expect(interpretPrompt("black and white photo").moods.has("mono")).toBe(true);
  });

  it("reads composition, scale and headline instructions", () => {
    expect(interpretPrompt("subject on the left").composition).toBe("left");
    expect(interpretPrompt("rule of thirds").composition).toBe("thirds");
    expect(interpretPrompt("centered and symmetrical").composition).toBe("centered");
    expect(interpretPrompt("a close-up of a flower").scale).toBe("close");
    expect(interpretPrompt("wide panoramic mountains").scale).toBe("wide");
    expect(interpretPrompt("make the headline larger").headlineScale).toBeGreaterThan(1);
    expect(interpretPrompt("a larger headline").headlineScale).toBeGreaterThan(1);
    expect(interpretPrompt("more empty space at the top for the headline").topSpace).toBe(true);
    expect(interpretPrompt("标题放大，顶部留白")).toMatchObject({ headlineScale: 1.4, topSpace: true });
  });

  it("reads motifs in order and respects simple negation", () => {
    expect(interpretPrompt("a sunset over the mountains by the ocean").motifs).toEqual(["sun", "mountains", "ocean"]);
    expect(interpretPrompt("山和太阳").motifs).toEqual(["mountains", "sun"]);
    expect(interpretPrompt("an empty poster").motifs).toEqual(["abstract"]);
    expect(interpretPrompt("mountains, no sun").motifs).toEqual(["mountains"]);
  });

  it("sets grain from texture words", () => {
    expect(interpretPrompt("clean vector poster").grain).toBe(0);
    expect(interpretPrompt("risograph print").grain).toBeGreaterThan(interpretPrompt("a poster").grain);
    expect(interpretPrompt("more grain").grain).toBeGreaterThan(interpretPrompt("grainy").grain);
    expect(interpretPrompt("no grain").grain).toBe(0);
  });

  it("reads moods", () => {
    const design = interpretPrompt("neon cyberpunk, high contrast, pastel");
    expect([...design.moods]).toEqual(expect.arrayContaining(["neon", "highContrast", "pastel"]));
  });
});

describe("dominant colour", () => {
  it("reads the colour asked to fill large areas, in English and Chinese", () => {
    const gold = "#d4a72c";
    // Deep blue comes first in the prompt; gold is the one asked to fill the frame.
    expect(interpretPrompt('poster, deep blue, large areas of bold gold, "Blue Hour"').dominant).toBe(gold);
    expect(interpretPrompt("茶饮海报，大面积使用金色").dominant).toBe(gold);
    expect(interpretPrompt("poster, gold frame, large areas of blue").dominant).toBe("#2b59c3");
    expect(interpretPrompt("a poster in deep blue and gold").dominant).toBeUndefined();
  });
});
