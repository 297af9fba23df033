import "server-only";
import { colourName } from "./colours";
import type { ImageMetrics } from "./image-metrics";
import type { Language } from "./language";
import type { ReadText } from "./read-text";

/*
 * What the Offline engine can honestly say about an image it is handed: what it measures in the
 * pixels (size, palette, where the weight and the busy parts sit, whether there is type) and the
 * text it reads with its offline text reader. It does not recognise objects or understand what it
 * reads, and every answer says so rather than guessing.
 */

type Words = {
  whatItIs: string;
  kinds: { text: string; plain: string; image: string };
  shape: { landscape: string; portrait: string; square: string };
  text: string;
  textNote: string;
  noText: string;
  textLooksLike: string;
  textUnread: string;
  numbers: string;
  numbersNote: string;
  palette: string;
  layout: string;
  regions: string;
  bands: { top: string; middle: string; bottom: string };
  busy: string;
  plain: string;
  style: string;
  weight: (place: string) => string;
  space: { generous: string; little: string };
  tone: { dark: string; bright: string; mid: string };
  contrast: { high: string; low: string; mid: string };
  colour: { vivid: string; muted: string; mid: string };
  place: { centre: string; row: Record<"upper" | "middle" | "lower", string>; col: Record<"left" | "centre" | "right", string> };
  followUp: string;
  followUpText: string;
  followUpNoText: string;
  followUpColour: string;
  followUpSize: string;
  followUpOther: string;
  limits: string;
};

const en: Words = {
  whatItIs: "What it is",
  kinds: {
    text: "an image with lines of text — a chart, poster, document or screenshot, going by its type",
    plain: "a plain, flat image with little detail",
    image: "a picture without legible text",
  },
  shape: { landscape: "landscape", portrait: "portrait", square: "square" },
  text: "Text (read offline, verbatim; it may contain reading errors)",
  textNote: "",
  noText: "Text: none found.",
  textLooksLike: "Text: something that looks like a line of type {place}, but it could not be read.",
  textUnread: "Text: not read — the offline text reader is not available on this server.",
  numbers: "Numbers",
  numbersNote: "(what they stand for is not worked out offline)",
  palette: "Palette",
  layout: "Layout",
  regions: "Regions",
  bands: { top: "top third", middle: "middle third", bottom: "bottom third" },
  busy: "detailed, busy",
  plain: "plain, mostly empty",
  style: "Style",
  weight: (place) => `visual weight ${place}`,
  space: { generous: "generous empty space", little: "little empty space" },
  tone: { dark: "dark, low-key", bright: "bright, high-key", mid: "mid-toned" },
  contrast: { high: "high contrast", low: "soft, low contrast", mid: "moderate contrast" },
  colour: { vivid: "vivid colour", muted: "muted, near-monochrome colour", mid: "restrained colour" },
  place: { centre: "in the centre", row: { upper: "upper", middle: "middle", lower: "lower" }, col: { left: "left", centre: "centre", right: "right" } },
  followUp: "The Offline engine cannot understand questions; it answers from what it measured and read.",
  followUpText: "The text it read:",
  followUpNoText: "It found no text to read.",
  followUpColour: "Its palette:",
  followUpSize: "Its size:",
  followUpOther: "Nothing it measured matches the question. With ANTHROPIC_API_KEY set, Claude reads the image and answers.",
  limits: "Offline engine: measured from the pixels and read with an offline text reader; it does not recognise objects, people or meaning.",
};

const zh: Words = {
  whatItIs: "这是什么",
  kinds: { text: "一张带有文字行的图像——从版式看，可能是图表、海报、文档或截图", plain: "一张细节很少的素净平面图像", image: "一张没有可读文字的图片" },
  shape: { landscape: "横向", portrait: "竖向", square: "方形" },
  text: "文字（离线识别，按原文照录；可能有识别错误）",
  textNote: "",
  noText: "文字：未发现。",
  textLooksLike: "文字：{place}有一行看起来像文字的内容，但未能识别。",
  textUnread: "文字：未识别——此服务器上没有可用的离线文字识别。",
  numbers: "数字",
  numbersNote: "（离线引擎不推断它们的含义）",
  palette: "配色",
  layout: "版式",
  regions: "分区",
  bands: { top: "上三分之一", middle: "中间三分之一", bottom: "下三分之一" },
  busy: "细节丰富、繁密",
  plain: "素净、大多留白",
  style: "风格",
  weight: (place) => `视觉重心${place}`,
  space: { generous: "留白充足", little: "留白很少" },
  tone: { dark: "偏暗、低调", bright: "明亮、高调", mid: "中间调" },
  contrast: { high: "高对比", low: "柔和、低对比", mid: "中等对比" },
  colour: { vivid: "色彩鲜艳", muted: "色彩低饱和、近单色", mid: "色彩克制" },
  place: { centre: "在中央", row: { upper: "上", middle: "中", lower: "下" }, col: { left: "左", centre: "中", right: "右" } },
  followUp: "离线引擎无法理解问题；它只根据测量和识别到的内容作答。",
  followUpText: "识别到的文字：",
  followUpNoText: "没有识别到文字。",
  followUpColour: "配色：",
  followUpSize: "尺寸：",
  followUpOther: "测量结果中没有与问题对应的内容。设置 ANTHROPIC_API_KEY 后，由 Claude 阅读图像并回答。",
  limits: "离线引擎：根据像素测量，并用离线文字识别读取文字；不识别物体、人物或含义。",
};

const words = { en, zh } as const;

export type ImageFacts = { metrics: ImageMetrics; text: ReadText | null };

/** The summary of an image's key information, as far as pixels and offline reading go. */
export function offlineImageSummary({ metrics, text, language }: ImageFacts & { language: Language }): string {
  const w = words[language];
  const lines = text?.lines ?? [];
  const sections = [
    `${w.whatItIs}: ${kindOf({ metrics, hasText: lines.length > 0, w })}, ${metrics.width}×${metrics.height} px (${shapeOf(metrics, w)}).`,
    textSection({ metrics, text, w }),
    numbersSection({ lines, w }),
    `${w.palette}: ${paletteOf(metrics, language)}.`,
    `${w.layout}: ${w.weight(placeOf(metrics.focus, w))}, ${metrics.edgeDensity < 0.08 ? w.space.generous : w.space.little}.`,
    `${w.regions}:\n${(["top", "middle", "bottom"] as const).map((band) => `- ${w.bands[band]}: ${metrics.bands[band].edgeDensity > 0.12 || metrics.bands[band].lumaStd > 0.22 ? w.busy : w.plain}`).join("\n")}`,
    `${w.style}: ${styleOf(metrics, w)}.`,
    w.limits,
  ];
  return sections.filter((s): s is string => s !== null).join("\n\n");
}

/** A follow-up answered from the same measurements: the parts the question asks about, and what it cannot do. */
export function offlineImageAnswer({ metrics, text, question, language }: ImageFacts & { question: string; language: Language }): string {
  const w = words[language];
  const asks = (pattern: RegExp) => pattern.test(question);
  const parts = [w.followUp];
  let matched = false;
  if (asks(/text|word|say|read|written|number|value|figure|how (many|much)|title|headline|label|文字|写|数字|数值|多少|标题|内容/i)) {
    matched = true;
    const lines = text?.lines ?? [];
    parts.push(lines.length > 0 ? `${w.followUpText}\n${lines.map((l) => `- "${l.text}"`).join("\n")}` : text ? w.followUpNoText : w.textUnread);
  }
  if (asks(/colou?r|palette|hue|tone|颜色|色彩|配色|色调/i)) {
    matched = true;
    parts.push(`${w.followUpColour} ${paletteOf(metrics, language)}.`);
  }
  if (asks(/size|dimension|resolution|pixel|wide|tall|尺寸|大小|分辨率|像素/i)) {
    matched = true;
    parts.push(`${w.followUpSize} ${metrics.width}×${metrics.height} px (${shapeOf(metrics, w)}).`);
  }
  if (!matched) parts.push(w.followUpOther);
  return parts.join("\n\n");
}

function kindOf({ metrics, hasText, w }: { metrics: ImageMetrics; hasText: boolean; w: Words }): string {
  if (hasText) return w.kinds.text;
  return metrics.edgeDensity < 0.05 && metrics.colourfulness < 0.3 ? w.kinds.plain : w.kinds.image;
}

function shapeOf(metrics: ImageMetrics, w: Words): string {
  if (metrics.width > metrics.height * 1.15) return w.shape.landscape;
  if (metrics.height > metrics.width * 1.15) return w.shape.portrait;
  return w.shape.square;
}

function textSection({ metrics, text, w }: { metrics: ImageMetrics; text: ReadText | null; w: Words }): string {
  if (!text) return w.textUnread;
  if (text.lines.length > 0) return `${w.text}:\n${text.lines.map((line) => `- "${line.text}"`).join("\n")}`;
  if (metrics.textBand && metrics.textBand.strength > 0.5) return w.textLooksLike.replace("{place}", bandPlace(metrics.textBand.centre, w));
  return w.noText;
}

/** Numbers as written in the text read, in reading order, each once. */
export function numbersIn(lines: ReadText["lines"]): string[] {
  const found = lines.flatMap((line) => line.text.match(/(?<![\p{L}\d])[-−]?\d[\d,.]*%?/gu) ?? []).map((n) => n.replace(/[.,]$/, ""));
  return [...new Set(found)];
}

function numbersSection({ lines, w }: { lines: ReadText["lines"]; w: Words }): string | null {
  const numbers = numbersIn(lines);
  return numbers.length > 0 ? `${w.numbers}: ${numbers.join(", ")} ${w.numbersNote}` : null;
}

function paletteOf(metrics: ImageMetrics, language: Language): string {
  const shown = metrics.palette.filter((p) => p.share >= 0.03).slice(0, 5);
  const list = shown.length > 0 ? shown : metrics.palette.slice(0, 1);
  return list.map((p) => `${colourName(p.family, language)} ${Math.round(p.share * 100)}%`).join(language === "zh" ? "，" : ", ");
}

function styleOf(metrics: ImageMetrics, w: Words): string {
  const tone = metrics.brightness < 0.3 ? w.tone.dark : metrics.brightness > 0.7 ? w.tone.bright : w.tone.mid;
  const contrast = metrics.contrast > 0.25 ? w.contrast.high : metrics.contrast < 0.12 ? w.contrast.low : w.contrast.mid;
  const colour = metrics.colourfulness > 0.45 ? w.colour.vivid : metrics.colourfulness < 0.15 ? w.colour.muted : w.colour.mid;
  return [tone, contrast, colour].join(w === zh ? "，" : ", ");
}

function placeOf({ x, y }: { x: number; y: number }, w: Words): string {
  const col = x < 0.4 ? "left" : x > 0.6 ? "right" : "centre";
  const row = y < 0.4 ? "upper" : y > 0.6 ? "lower" : "middle";
  if (col === "centre" && row === "middle") return w.place.centre;
  return w === zh ? `在${w.place.row[row]}${w.place.col[col]}部` : `in the ${w.place.row[row]} ${w.place.col[col]}`;
}

function bandPlace(centre: number, w: Words): string {
  return centre < 0.34 ? w.bands.top : centre > 0.66 ? w.bands.bottom : w.bands.middle;
}
