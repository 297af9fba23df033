import "server-only";
import type { AspectKey, CritiqueIssue } from "@/lib/schemas/critique";
import { colourName } from "./colours";
import type { Language, SectionKey } from "./language";

/**
 * Every problem the Offline critique can report, with the words that fix it. The critique
 * quotes those words in the issue's `fix`; the revision writes them into the prompt, into the
 * section they belong to. The words are ones image models (and the Local renderer) react to.
 */
export type Patch = { section: SectionKey; mode: "append" | "replace"; phrase: string };

/** An accepted fix; `edited` when the designer rewrote its text. */
export type EditableFix = Pick<CritiqueIssue, "id" | "fix"> & { edited?: boolean };

type Entry = {
  aspect: AspectKey;
  section: SectionKey;
  mode: Patch["mode"];
  phrase: Record<Language, string>;
  problem: Record<Language, string>;
  /** What to do, before the quoted words. */
  action: Record<Language, string>;
  /** For fixes that are more than a prompt change. */
  fix?: Record<Language, string>;
};

const catalog = {
  "contrast-low": {
    aspect: "colorLighting",
    section: "lighting",
    mode: "append",
    phrase: { en: "high contrast, deep shadows", zh: "高对比，深色阴影" },
    problem: { en: "The image is flat: lights and darks sit close together, so nothing pops.", zh: "画面偏灰：明暗过于接近，主体不够突出。" },
    action: { en: "Raise contrast", zh: "提高对比度" },
  },
  "too-dark": {
    aspect: "colorLighting",
    section: "lighting",
    mode: "replace",
    phrase: { en: "bright, airy lighting", zh: "明亮通透的光线" },
    problem: { en: "The image is underexposed; most of it sits in shadow.", zh: "画面曝光不足，大部分区域处于阴影中。" },
    action: { en: "Brighten it", zh: "提亮画面" },
  },
  "too-bright": {
    aspect: "colorLighting",
    section: "lighting",
    mode: "replace",
    phrase: { en: "balanced exposure, richer midtones, deeper shadows", zh: "曝光均衡，中间调更饱满，阴影更深" },
    problem: { en: "The image is overexposed and washed out.", zh: "画面过曝，显得发白。" },
    action: { en: "Tone it down", zh: "压暗画面" },
  },
  "mood-not-dark": {
    aspect: "colorLighting",
    section: "lighting",
    mode: "replace",
    phrase: { en: "darker, low-key lighting, deep shadows", zh: "更暗的低调光线，深色阴影" },
    problem: { en: "The prompt asks for a dark, moody scene but the image is bright.", zh: "提示词要求暗调氛围，但画面偏亮。" },
    action: { en: "Darken the mood", zh: "压暗氛围" },
  },
  "colour-dull": {
    aspect: "colorLighting",
    section: "palette",
    mode: "append",
    phrase: { en: "vibrant, saturated colors", zh: "鲜艳饱和的色彩" },
    problem: { en: "Colours are muted although the prompt asks for vivid colour.", zh: "提示词要求鲜艳的色彩，但画面色彩偏淡。" },
    action: { en: "Push saturation", zh: "提高饱和度" },
  },
  "not-monochrome": {
    aspect: "colorLighting",
    section: "palette",
    mode: "replace",
    phrase: { en: "strictly monochrome, black and white", zh: "严格单色，黑白" },
    problem: { en: "The prompt asks for monochrome but the image is colourful.", zh: "提示词要求单色，但画面色彩丰富。" },
    action: { en: "Remove colour", zh: "去掉色彩" },
  },
  "aspect-mismatch": {
    aspect: "composition",
    section: "aspect",
    mode: "append",
    phrase: { en: "composed for this exact frame", zh: "按此画幅构图" },
    problem: { en: "The image's shape does not match the aspect ratio the prompt asks for.", zh: "图片比例与提示词要求的画幅不符。" },
    action: { en: "Match the frame", zh: "统一画幅" },
    fix: {
      en: 'Choose the aspect ratio the prompt asks for in the render settings; the prompt gets "composed for this exact frame".',
      zh: "在渲染设置中选择提示词要求的画幅；提示词加入“按此画幅构图”。",
    },
  },
  "off-center": {
    aspect: "composition",
    section: "composition",
    mode: "append",
    phrase: { en: "subject exactly centered, symmetrical", zh: "主体严格居中，对称构图" },
    problem: { en: "The prompt asks for a centered subject but the visual weight sits off to one side.", zh: "提示词要求主体居中，但视觉重心偏向一侧。" },
    action: { en: "Re-center", zh: "重新居中" },
  },
  "no-text-space": {
    aspect: "composition",
    section: "composition",
    mode: "append",
    phrase: { en: "more empty space at the top", zh: "顶部留出更多空白" },
    problem: { en: "There is no calm area for the headline: the top and bottom are as busy as the rest.", zh: "没有留给标题的干净区域：顶部和底部与其他区域一样繁杂。" },
    action: { en: "Clear room for type", zh: "为文字留出空间" },
  },
  busy: {
    aspect: "composition",
    section: "style",
    mode: "append",
    phrase: { en: "minimal, fewer elements, plain background", zh: "极简，减少元素，背景干净" },
    problem: { en: "The image is busy: detail everywhere competes with the subject.", zh: "画面过于繁杂：到处都是细节，与主体争抢注意力。" },
    action: { en: "Simplify", zh: "做减法" },
  },
  flat: {
    aspect: "composition",
    section: "style",
    mode: "append",
    phrase: { en: "rich detail, layered shapes, texture", zh: "丰富细节，层次分明，质感" },
    problem: { en: "The image has almost no structure; the subject does not read.", zh: "画面几乎没有结构，主体难以辨认。" },
    action: { en: "Add structure", zh: "增加层次" },
  },
  "headline-not-visible": {
    aspect: "typography",
    section: "typography",
    mode: "append",
    phrase: { en: "larger headline, high contrast text", zh: "更大的标题，高对比文字" },
    problem: {
      en: "The prompt asks for a headline but no line of type stands out (the Offline critique cannot read text; it looks for a plausible text band).",
      zh: "提示词要求标题，但画面中看不到明显的文字行（离线评审无法识别文字，只检测是否存在像文字的区域）。",
    },
    action: { en: "Make the headline prominent", zh: "突出标题" },
  },
  "headline-low-contrast": {
    aspect: "typography",
    section: "typography",
    mode: "append",
    phrase: { en: "high contrast text on a plain band", zh: "文字置于纯色底带上，高对比" },
    problem: { en: "A line of type is there but it barely separates from its background.", zh: "有文字行，但与背景区分度很低。" },
    action: { en: "Separate the type", zh: "让文字更清晰" },
  },
  "stray-text": {
    aspect: "typography",
    section: "typography",
    mode: "replace",
    phrase: { en: "no text or lettering", zh: "画面中不出现文字" },
    problem: { en: "Something that looks like a line of text appears although the prompt asks for none.", zh: "提示词未要求文字，但画面中似乎出现了文字行。" },
    action: { en: "Keep it wordless", zh: "去掉文字" },
  },
  "soft-focus": {
    aspect: "artifacts",
    section: "style",
    mode: "append",
    phrase: { en: "crisp details, sharp focus", zh: "细节清晰，对焦锐利" },
    problem: { en: "The image is soft: edges are blurred and fine detail is missing.", zh: "画面发虚：边缘模糊，缺少细节。" },
    action: { en: "Sharpen", zh: "提高清晰度" },
  },
  "clipped-highlights": {
    aspect: "artifacts",
    section: "lighting",
    mode: "append",
    phrase: { en: "controlled highlights, no blown-out areas", zh: "高光可控，避免过曝" },
    problem: { en: "Large areas are pure white with no detail left.", zh: "大片区域纯白，细节丢失。" },
    action: { en: "Recover highlights", zh: "压住高光" },
  },
  "crushed-shadows": {
    aspect: "artifacts",
    section: "lighting",
    mode: "append",
    phrase: { en: "open shadows with visible detail", zh: "暗部保留细节" },
    problem: { en: "Large areas are pure black with no detail left.", zh: "大片区域纯黑，细节丢失。" },
    action: { en: "Open the shadows", zh: "提亮暗部" },
  },
  noisy: {
    aspect: "artifacts",
    section: "style",
    mode: "append",
    phrase: { en: "clean surfaces, smooth gradients, no noise", zh: "表面干净，渐变平滑，无噪点" },
    problem: { en: "Fine-grained noise covers most of the image.", zh: "画面大部分区域布满细碎噪点。" },
    action: { en: "Clean it up", zh: "去除噪点" },
  },
} satisfies Record<string, Entry>;

export type FixId = keyof typeof catalog | `palette-missing-${string}`;

const missingColour = (id: string): Entry => ({
  aspect: "colorLighting",
  section: "palette",
  mode: "append",
  phrase: { en: `large areas of bold ${colourName(id, "en")}`, zh: `大面积使用${colourName(id, "zh")}` },
  problem: {
    en: `The prompt names ${colourName(id, "en")} but it barely appears in the image.`,
    zh: `提示词要求${colourName(id, "zh")}，但画面中几乎没有。`,
  },
  action: { en: `Bring in ${colourName(id, "en")}`, zh: `加入${colourName(id, "zh")}` },
});

function entryFor(id: string): Entry | undefined {
  if (id.startsWith("palette-missing-")) return missingColour(id.slice("palette-missing-".length));
  return (catalog as Record<string, Entry>)[id];
}

export function makeIssue({ id, severity, language }: { id: FixId; severity: CritiqueIssue["severity"]; language: Language }): CritiqueIssue {
  const entry = entryFor(id)!;
  const fix =
    entry.fix?.[language] ??
    (language === "zh"
      ? `${entry.action.zh}：加入“${entry.phrase.zh}”。`
      : `${entry.action.en}: add "${entry.phrase.en}".`);
  return { id, aspect: entry.aspect, severity, problem: entry.problem[language], fix };
}

/**
 * The prompt change for an issue. Issues this engine wrote are looked up by id; any other issue
 * (from Claude, or edited) contributes the words its fix quotes, or failing that the fix itself.
 */
export function patchFor(issue: EditableFix, language: Language): Patch | null {
  // A fix the designer reworded says what they want now; the catalog's words no longer apply.
  const entry = issue.edited ? undefined : entryFor(issue.id);
  if (entry) return { section: entry.section, mode: entry.mode, phrase: entry.phrase[language] };
  const quotedWords = /(?:add|加入|添加|增加)\s*["“「]([^"”」]+)["”」]/i.exec(issue.fix)?.[1];
  const phrase = (quotedWords ?? issue.fix.replace(/^[^:：]{1,40}[:：]\s*/, "")).replace(/[.。!！]+$/, "").replace(/["“”「」]/g, "").trim();
  return phrase ? { section: "style", mode: "append", phrase } : null;
}
