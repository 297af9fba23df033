import "server-only";
import { normalisePrompt } from "@/lib/schemas/prompt";
import type { AspectRatio } from "@/lib/schemas/params";
import { colourName } from "./colours";
import { joinPhrases, type Language } from "./language";
import { readRequirements, type Requirements } from "./requirements";
import { renderStructured, type StructuredPrompt } from "./structure";

type Phrase = Record<Language, string>;

/** Style cues in the draft and the concrete style line each one becomes. */
const styles: Array<{ cue: RegExp; phrase: Phrase }> = [
  { cue: /\b(photo|photograph|photography|photoreal\w*)\b|摄影|照片|写实/i, phrase: { en: "photorealistic photograph, 50mm lens, shallow depth of field", zh: "写实摄影，50mm 镜头，浅景深" } },
  { cue: /\bwatercolou?r\b|水彩/i, phrase: { en: "soft watercolor painting on textured paper", zh: "纹理纸上的柔和水彩" } },
  { cue: /\b(ink|sumi-e)\b|水墨|国风/i, phrase: { en: "traditional ink painting, expressive brush strokes", zh: "传统水墨，写意笔触" } },
  { cue: /\b(3d|render|clay)\b|三维|立体|3D/i, phrase: { en: "polished 3D render, soft global illumination", zh: "精致的三维渲染，柔和的全局光照" } },
  { cue: /\b(retro|vintage)\b|复古|怀旧/i, phrase: { en: "retro print, subtle grain", zh: "复古印刷质感，细微颗粒" } },
  { cue: /\b(geometric|bauhaus)\b|几何|包豪斯/i, phrase: { en: "bold geometric shapes, bauhaus influence", zh: "大胆的几何图形，包豪斯风格" } },
  { cue: /\b(illustration|illustrated|drawing)\b|插画|插图|手绘/i, phrase: { en: "crisp editorial illustration", zh: "精致的杂志插画" } },
  { cue: /\b(poster|flyer|cover)\b|海报|封面|传单/i, phrase: { en: "clean graphic poster design, flat vector shapes, gradient", zh: "简洁的平面海报设计，扁平矢量造型，渐变" } },
  { cue: /\b(logo|icon)\b|标志|图标/i, phrase: { en: "flat vector icon, simple geometric shapes", zh: "扁平矢量图标，简洁几何造型" } },
  { cue: /\bcinematic\b|电影感|电影/i, phrase: { en: "cinematic still, anamorphic framing", zh: "电影剧照质感，宽银幕构图" } },
];

const defaults = {
  style: { en: "polished digital illustration", zh: "精致的数字插画" },
  minimal: { en: "minimal, generous negative space", zh: "极简，大面积留白" },
  composition: { en: "centered subject, clear focal point, balanced negative space", zh: "主体居中，焦点清晰，留白均衡" },
  textSpace: { en: "empty space at the top for the headline", zh: "顶部留白放置标题" },
  lightingDark: { en: "low-key moody lighting, rich shadows, glowing accents", zh: "低调氛围光，浓郁阴影，点缀光源" },
  lightingBright: { en: "bright, airy daylight, soft shadows", zh: "明亮通透的日光，柔和阴影" },
  lighting: { en: "soft, even lighting with gentle shadows", zh: "柔和均匀的光线，阴影轻柔" },
  lightingGolden: { en: "warm sunset light, long soft shadows", zh: "温暖的黄昏光线，柔长的阴影" },
  highContrast: { en: "high contrast", zh: "高对比" },
  palette: { en: "harmonious limited palette with one accent color", zh: "和谐的有限色板，一个点缀色" },
  monochrome: { en: "monochrome palette", zh: "单色调" },
  noText: { en: "no text or lettering", zh: "画面中不出现文字" },
} satisfies Record<string, Phrase>;

const aspectNames: Record<AspectRatio, Phrase> = {
  "1:1": { en: "square", zh: "方形" },
  "4:5": { en: "portrait", zh: "竖版" },
  "3:4": { en: "portrait", zh: "竖版" },
  "2:3": { en: "portrait", zh: "竖版" },
  "9:16": { en: "tall portrait", zh: "竖屏" },
  "5:4": { en: "landscape", zh: "横版" },
  "4:3": { en: "landscape", zh: "横版" },
  "3:2": { en: "landscape", zh: "横版" },
  "16:9": { en: "widescreen", zh: "宽屏" },
};

/** Expands a rough draft into a labelled prompt, in the draft's language. Deterministic. */
export function expandDraft(draft: string): string {
  const text = normalisePrompt(draft);
  const req = readRequirements(text);
  const lang = req.language;
  const prompt: StructuredPrompt = {
    language: lang,
    sections: {
      subject: subjectOf(text, lang),
      style: styleOf(text, req),
      composition: compositionOf(text, req),
      lighting: lightingOf(text, req),
      palette: paletteOf(req),
      typography: typographyOf(req),
      aspect: aspectLine(req.aspect ?? "1:1", lang),
    },
    extra: [],
  };
  return renderStructured(prompt);
}

export function aspectLine(aspect: AspectRatio, lang: Language): string {
  return `${aspect} ${aspectNames[aspect][lang]}`;
}

/** The draft itself is the subject; only the aspect and the "headline: …" clause move to their own lines. */
function subjectOf(text: string, lang: Language): string {
  const subject = text
    .replace(/\s*(,|，)?\s*(with\s+)?(the\s+)?(headline|title|text|caption|words?|saying)\s*[:：]?\s*["“「『][^"”」』]*["”」』]/gi, "")
    .replace(/\s*(,|，)?\s*(标题|文字|文案|写着|字样)\s*[:：为是]?\s*["“「『][^"”」』]*["”」』]/g, "")
    .replace(/\s*(,|，)?\s*\b\d{1,2}\s*[:：×x]\s*\d{1,2}\b/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s,，.。;；]+|[\s,，.。;；]+$/g, "");
  const chosen = subject || text;
  const limit = lang === "zh" ? 120 : 300;
  return chosen.length > limit ? `${chosen.slice(0, limit - 1)}…` : chosen;
}

function styleOf(text: string, req: Requirements): string {
  const found = styles.filter((s) => s.cue.test(text)).slice(0, 2).map((s) => s.phrase[req.language]);
  if (found.length === 0) found.push((req.headline || req.poster ? styles.find((s) => s.cue.test("poster"))!.phrase : defaults.style)[req.language]);
  if (req.minimal) found.push(defaults.minimal[req.language]);
  return joinPhrases(req.language, found);
}

function compositionOf(text: string, req: Requirements): string {
  const lang = req.language;
  const parts = [defaults.composition[lang]];
  if (/\bclose[- ]up\b|特写/i.test(text)) parts.unshift(lang === "zh" ? "特写" : "close-up");
  if (/\brule of thirds\b|三分法/i.test(text)) parts[parts.length - 1] = lang === "zh" ? "三分法构图，焦点清晰" : "rule of thirds, clear focal point";
  if (req.headline) parts.push(defaults.textSpace[lang]);
  return joinPhrases(lang, parts);
}

function lightingOf(text: string, req: Requirements): string {
  const lang = req.language;
  const golden = /\b(sunset|sunrise|golden hour|dusk|dawn)\b|日落|黄昏|夕阳|日出|晨光/i.test(text);
  const base = golden
    ? defaults.lightingGolden
    : req.mood === "dark"
      ? defaults.lightingDark
      : req.mood === "bright"
        ? defaults.lightingBright
        : defaults.lighting;
  return joinPhrases(lang, [base[lang], req.highContrast ? defaults.highContrast[lang] : ""]);
}

function paletteOf(req: Requirements): string {
  const lang = req.language;
  if (req.monochrome) return defaults.monochrome[lang];
  if (req.colours.length === 0) return defaults.palette[lang];
  const names = req.colours.slice(0, 4).map((c) => colourName(c.id, lang));
  if (lang === "zh") return `以${names.join("、")}为主色，有限色板`;
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${list} as the dominant colors, limited palette`;
}

function typographyOf(req: Requirements): string {
  const lang = req.language;
  if (!req.headline) return defaults.noText[lang];
  return lang === "zh"
    ? `标题“${req.headline}”，粗体无衬线字体，醒目易读，与背景反差鲜明`
    : `headline "${req.headline}" in bold sans-serif, large and legible, clearly separated from the background`;
}
