import "server-only";
import { aspectRatios, type AspectRatio } from "@/lib/schemas/params";
import { colourWordsIn, type ColourWord } from "./colours";
import { detectLanguage, type Language } from "./language";

/** What a draft or prompt asks for, as far as words can tell. */
export type Requirements = {
  language: Language;
  colours: ColourWord[];
  /** Quoted text the image should show. */
  headline: string | null;
  aspect: AspectRatio | null;
  mood: "dark" | "bright" | null;
  highContrast: boolean;
  minimal: boolean;
  centered: boolean;
  monochrome: boolean;
  vibrant: boolean;
  spaceAtTop: boolean;
  poster: boolean;
};

const quoted = /["“「『]([^"“”「」『』\n]{1,120})["”」』]/;
const allQuoted = new RegExp(quoted.source, "g");

const cues = {
  dark: /\b(dark|moody|night|noir|low[- ]key|shadowy|midnight)\b|暗|夜|黑夜|神秘|低调/i,
  bright: /\b(bright|airy|sunny|light[- ]filled|high[- ]key|daylight|luminous)\b|明亮|阳光|通透|清新|白天/i,
  highContrast: /\bhigh[- ]contrast\b|\bdeep shadows\b|高对比|强对比/i,
  minimal: /\bminimal(ist)?\b|极简|简约|留白/i,
  centered: /\bcent(er|re)d\b|\bsymmetric(al)?\b|居中|对称/i,
  monochrome: /\bmonochrom(e|atic)\b|\bblack and white\b|\bgrayscale\b|黑白|单色/i,
  vibrant: /\b(vibrant|neon|vivid|saturated|bold colou?rs)\b|鲜艳|霓虹|饱和|撞色/i,
  spaceAtTop: /\b(empty|negative|more) space at the top\b|顶部留白|顶部留出/i,
  poster: /\b(poster|flyer|cover|banner|headline|title)\b|海报|封面|标题|横幅|传单/i,
};

const aspectWords: Array<[RegExp, AspectRatio]> = [
  [/\b(story|stories|phone wallpaper|reel|tiktok)\b|手机壁纸|竖屏|短视频/i, "9:16"],
  [/\b(portrait|vertical)\b|竖版|竖幅|竖图/i, "4:5"],
  [/\b(widescreen|landscape|banner|cinematic|wide shot)\b|横版|横幅|宽屏|横图/i, "16:9"],
  [/\bsquare\b|方形|正方形/i, "1:1"],
];

export function readRequirements(text: string): Requirements {
  // Words inside the headline ("Blue Notes") are copy to render, not instructions.
  const words = text.replace(allQuoted, " ");
  return {
    language: detectLanguage(text),
    colours: colourWordsIn(words),
    headline: quoted.exec(text)?.[1]?.trim() || null,
    aspect: readAspect(words),
    mood: cues.dark.test(words) && !cues.bright.test(words) ? "dark" : cues.bright.test(words) && !cues.dark.test(words) ? "bright" : null,
    highContrast: cues.highContrast.test(words),
    minimal: cues.minimal.test(words),
    centered: cues.centered.test(words),
    monochrome: cues.monochrome.test(words),
    vibrant: cues.vibrant.test(words),
    spaceAtTop: cues.spaceAtTop.test(words),
    poster: cues.poster.test(words),
  };
}

export function readAspect(text: string): AspectRatio | null {
  for (const match of text.matchAll(/(\d{1,2})\s*[:：×x]\s*(\d{1,2})/g)) {
    const candidate = `${match[1]}:${match[2]}`;
    if ((aspectRatios as readonly string[]).includes(candidate)) return candidate as AspectRatio;
  }
  for (const [pattern, aspect] of aspectWords) if (pattern.test(text)) return aspect;
  return null;
}

export function aspectValue(aspect: AspectRatio): number {
  const [w, h] = aspect.split(":").map(Number);
  return (w ?? 1) / (h ?? 1);
}
