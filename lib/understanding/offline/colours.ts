import "server-only";
/**
 * Colour words a designer writes, in English and Chinese, each with the pixels that count as
 * that colour (HSL: hue in degrees, saturation and lightness in 0–1). Ranges overlap on purpose:
 * an orange-gold pixel satisfies both "orange" and "gold".
 */
export type Hsl = { h: number; s: number; l: number };

export type ColourWord = {
  id: string;
  en: string;
  zh: string;
  english: RegExp;
  /** Multi-character words only, or 色-suffixed ones: a bare 红 or 白 is too often part of another word. */
  chinese: RegExp;
  matches(pixel: Hsl): boolean;
};

const hueIn = (h: number, from: number, to: number) => (from <= to ? h >= from && h < to : h >= from || h < to);

export const colourWords: ColourWord[] = [
  {
    id: "red",
    en: "red",
    zh: "红色",
    english: /\b(red|crimson|scarlet|burgundy|maroon|ruby|vermilion)\b/i,
    chinese: /红色|大红|朱红|酒红|深红|正红|鲜红|红(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 340, 15) && s > 0.35 && l > 0.15 && l < 0.8,
  },
  {
    id: "coral",
    en: "coral",
    zh: "珊瑚色",
    english: /\b(coral|salmon|peach)\b/i,
    chinese: /珊瑚|桃色|蜜桃/,
    matches: ({ h, s, l }) => hueIn(h, 345, 32) && s > 0.35 && l > 0.45 && l < 0.88,
  },
  {
    id: "orange",
    en: "orange",
    zh: "橙色",
    english: /\b(orange|amber|tangerine)\b/i,
    chinese: /橙色|橘色|橘红|橙黄|橙(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 15, 42) && s > 0.45 && l > 0.3 && l < 0.8,
  },
  {
    id: "yellow",
    en: "yellow",
    zh: "黄色",
    english: /\b(yellow|lemon|mustard)\b/i,
    chinese: /黄色|明黄|柠檬黄|鹅黄|黄(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 42, 68) && s > 0.4 && l > 0.3 && l < 0.92,
  },
  {
    id: "gold",
    en: "gold",
    zh: "金色",
    english: /\b(gold|golden)\b/i,
    chinese: /金色|金黄|金光|鎏金|金(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 33, 58) && s > 0.35 && l > 0.25 && l < 0.78,
  },
  {
    id: "green",
    en: "green",
    zh: "绿色",
    english: /\b(green|emerald|olive|lime|mint|sage|forest)\b/i,
    chinese: /绿色|翠绿|墨绿|草绿|嫩绿|森林|绿(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 68, 165) && s > 0.2 && l > 0.12 && l < 0.85,
  },
  {
    id: "teal",
    en: "teal",
    zh: "青色",
    english: /\b(teal|turquoise|cyan|aqua)\b/i,
    chinese: /青色|蓝绿|青绿|湖绿|松石|青(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 160, 200) && s > 0.2 && l > 0.15 && l < 0.8,
  },
  {
    id: "blue",
    en: "blue",
    zh: "蓝色",
    english: /\b(blue|azure|cobalt|sapphire|navy|ultramarine)\b/i,
    chinese: /蓝色|天蓝|湖蓝|深蓝|宝蓝|藏青|蓝天|海蓝|蓝(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 195, 255) && s > 0.25 && l > 0.08 && l < 0.85,
  },
  {
    id: "purple",
    en: "purple",
    zh: "紫色",
    english: /\b(purple|violet|lavender|lilac|indigo|plum)\b/i,
    chinese: /紫色|紫罗兰|薰衣草|淡紫|紫(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 250, 300) && s > 0.2 && l > 0.12 && l < 0.88,
  },
  {
    id: "pink",
    en: "pink",
    zh: "粉色",
    english: /\b(pink|magenta|fuchsia|rose)\b/i,
    chinese: /粉色|粉红|玫红|品红|桃红|粉(?=[色调系])/,
    matches: ({ h, s, l }) => (hueIn(h, 295, 345) && s > 0.25 && l > 0.2) || (hueIn(h, 330, 20) && s > 0.3 && l > 0.7 && l < 0.93),
  },
  {
    id: "brown",
    en: "brown",
    zh: "棕色",
    english: /\b(brown|chocolate|coffee|rust|sepia|terracotta)\b/i,
    chinese: /棕色|褐色|咖啡色|赭石|陶土|棕(?=[色调系])|褐(?=[色调系])/,
    matches: ({ h, s, l }) => hueIn(h, 5, 45) && s > 0.2 && l > 0.08 && l < 0.45,
  },
  {
    id: "beige",
    en: "beige",
    zh: "米色",
    english: /\b(beige|cream|ivory|sand|khaki)\b/i,
    chinese: /米色|米白|奶油色|象牙白|沙色|卡其/,
    matches: ({ h, s, l }) => hueIn(h, 20, 65) && s > 0.1 && s < 0.7 && l > 0.68 && l < 0.95,
  },
  {
    id: "black",
    en: "black",
    zh: "黑色",
    english: /\b(black|ebony|jet-black)\b/i,
    chinese: /黑色|纯黑|漆黑|黑(?=[色调系])/,
    matches: ({ l }) => l < 0.14,
  },
  {
    id: "white",
    en: "white",
    zh: "白色",
    english: /\b(white|snow)\b/i,
    chinese: /白色|纯白|雪白|洁白|白(?=[色调系])/,
    matches: ({ s, l }) => l > 0.86 && s < 0.4,
  },
  {
    id: "gray",
    en: "gray",
    zh: "灰色",
    english: /\b(gr[ae]y|charcoal|slate)\b/i,
    chinese: /灰色|深灰|浅灰|炭灰|灰(?=[色调系])/,
    matches: ({ s, l }) => s < 0.14 && l > 0.12 && l < 0.86,
  },
  {
    id: "silver",
    en: "silver",
    zh: "银色",
    english: /\b(silver|chrome|metallic)\b/i,
    chinese: /银色|银白|金属色/,
    matches: ({ s, l }) => s < 0.14 && l > 0.58 && l < 0.92,
  },
];

/** Colour words the text names, in the order the text names them. */
export function colourWordsIn(text: string): ColourWord[] {
  const found = colourWords
    .map((word) => ({ word, index: firstIndex(text, word) }))
    .filter((hit) => hit.index >= 0)
    .sort((a, b) => a.index - b.index);
  return found.map((hit) => hit.word);
}

function firstIndex(text: string, word: ColourWord): number {
  const indices = [word.english.exec(text)?.index, word.chinese.exec(text)?.index].filter((i): i is number => i !== undefined);
  return indices.length ? Math.min(...indices) : -1;
}

/** One family per pixel, for describing the dominant palette. */
export const familyIds = ["black", "white", "gray", "brown", "beige", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink"] as const;
export type FamilyId = (typeof familyIds)[number];

export function familyOf({ h, s, l }: Hsl): FamilyId {
  if (l < 0.12) return "black";
  if (l > 0.9 && s < 0.5) return "white";
  if (s < 0.14) return "gray";
  if (hueIn(h, 5, 45) && l < 0.42) return "brown";
  if (hueIn(h, 20, 65) && l > 0.72 && s < 0.65) return "beige";
  if (hueIn(h, 345, 15)) return "red";
  if (hueIn(h, 15, 42)) return "orange";
  if (hueIn(h, 42, 68)) return "yellow";
  if (hueIn(h, 68, 165)) return "green";
  if (hueIn(h, 165, 200)) return "teal";
  if (hueIn(h, 200, 255)) return "blue";
  if (hueIn(h, 255, 295)) return "purple";
  return "pink";
}

export function colourName(id: string, language: "en" | "zh"): string {
  const word = colourWords.find((w) => w.id === id);
  if (!word) return id;
  return language === "zh" ? word.zh : word.en;
}

export function rgbToHsl(r: number, g: number, b: number): Hsl {
  const rn = r / 255;
  const gn = g / 255;
  const bn = b / 255;
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h: number;
  if (max === rn) h = ((gn - bn) / d) % 6;
  else if (max === gn) h = (bn - rn) / d + 2;
  else h = (rn - gn) / d + 4;
  h *= 60;
  if (h < 0) h += 360;
  return { h, s: Math.min(1, s), l };
}
