import "server-only";
import { draftLabels, type Draft } from "@/lib/schemas/exploration";
import type { ModelNote } from "@/lib/schemas/model-notes";
import type { PromptStyle } from "@/lib/schemas/prompt-style";
import { MAX_PROMPT_LENGTH, normalisePrompt } from "@/lib/schemas/prompt";
import { detectLanguage, joinPhrases, splitPhrases, type Language, type SectionKey } from "../offline/language";
import { applyFixes } from "../offline/revise";
import { parseStructured, renderStructured } from "../offline/structure";
import { duplicateIndexes, nearDuplicate } from "./distinct";

/**
 * Deterministic drafts: k different prompts from one prompt, its critique's fixes and the model
 * notes, without a model. The Offline engine's drafts, and the repair for a Claude draft that
 * repeated another. Each strategy takes a different part of the critique, or — with no critique,
 * or once the fixes are used up — a different reading of composition, light or palette.
 */
export type VariantFix = { id: string; problem: string; fix: string; aspect: string; severity: "low" | "medium" | "high"; edited?: boolean };

type Candidate = { prompt: string; takes: string[]; reading: string };

const readings: Array<{ section: SectionKey; test: RegExp; when: Record<Language, string>; otherwise: Record<Language, string>; reading: Record<Language, string> }> = [
  {
    section: "composition",
    test: /cent(er|re)d|symmetr|居中|对称/i,
    when: { en: "rule of thirds, subject off-centre, generous negative space", zh: "三分法构图，主体偏离中心，大面积留白" },
    otherwise: { en: "subject exactly centred, symmetrical composition", zh: "主体严格居中，对称构图" },
    reading: { en: "a different composition", zh: "换一种构图" },
  },
  {
    section: "lighting",
    test: /high[- ]contrast|deep shadows|高对比|深色阴影/i,
    when: { en: "soft diffuse light, gentle gradients", zh: "柔和的漫射光，渐变细腻" },
    otherwise: { en: "strong directional light, high contrast, deep shadows", zh: "强烈的方向光，高对比，深色阴影" },
    reading: { en: "a different light", zh: "换一种光线" },
  },
  {
    section: "palette",
    test: /vibrant|saturated|neon|vivid|鲜艳|饱和|霓虹/i,
    when: { en: "restrained palette, muted tones, one accent colour", zh: "克制的配色，低饱和，一个点缀色" },
    otherwise: { en: "bold saturated colours, large colour blocks", zh: "大胆的饱和色，大面积色块" },
    reading: { en: "a bolder palette", zh: "更大胆的配色" },
  },
  {
    section: "composition",
    test: /close[- ]up|特写/i,
    when: { en: "wide shot, the whole scene in frame", zh: "远景，完整场景入画" },
    otherwise: { en: "close-up, subject fills the frame", zh: "特写，主体占满画面" },
    reading: { en: "a closer framing", zh: "更近的取景" },
  },
];

const words = {
  all: { en: (ids: string) => `Takes every fix (${ids}).`, zh: (ids: string) => `采纳全部修改（${ids}）。` },
  top: { en: (id: string) => `Takes only the most important fix (${id}), to see its effect alone.`, zh: (id: string) => `只采纳最重要的修改（${id}），单独看它的效果。` },
  rest: { en: (ids: string, id: string) => `Takes the other fixes (${ids}) and leaves ${id} for later.`, zh: (ids: string, id: string) => `采纳其余修改（${ids}），${id} 留待之后。` },
  aspect: { en: (aspect: string, ids: string) => `Takes the ${aspect} fixes (${ids}) only.`, zh: (aspect: string, ids: string) => `只采纳 ${aspect} 方面的修改（${ids}）。` },
  single: { en: (id: string) => `Takes ${id} alone.`, zh: (id: string) => `单独采纳 ${id}。` },
  literal: { en: "The prompt as it stands, read literally.", zh: "按现有提示词字面理解。" },
  reading: { en: (what: string, fixes: string) => `Bets on ${what}${fixes}.`, zh: (what: string, fixes: string) => `尝试${what}${fixes}。` },
  withFixes: { en: " with every fix", zh: "，并采纳全部修改" },
} as const;

export function variantDrafts(input: {
  prompt: string;
  fixes: readonly VariantFix[];
  notes?: readonly ModelNote[];
  k: number;
  style?: PromptStyle;
  language?: Language;
  /** Prompts already taken (kept Claude drafts): a variant must differ from these too. */
  avoid?: readonly string[];
}): Candidate[] {
  const lang = input.language ?? detectLanguage(input.prompt);
  const base = withNotes(input.prompt, input.notes ?? []);
  const taken = [...(input.avoid ?? [])];
  const out: Candidate[] = [];
  for (const candidate of strategies({ ...input, base, lang })) {
    if (out.length >= input.k) break;
    const prompt = inStyle(candidate.prompt, input.style);
    if (taken.some((other) => nearDuplicate(prompt, other, input.prompt))) continue;
    taken.push(prompt);
    out.push({ ...candidate, prompt });
  }
  return out;
}

/** The strategies in order of preference: fixes split between drafts first, then readings. */
function* strategies({ fixes, base, lang }: { fixes: readonly VariantFix[]; base: string; lang: Language }): Generator<Candidate> {
  const ids = (list: readonly VariantFix[]) => list.map((f) => f.id).join(", ");
  const apply = (list: readonly VariantFix[]) => clamp(applyFixes({ prompt: base, issues: list.map((f) => ({ id: f.id, fix: f.fix, edited: f.edited })) }));
  if (fixes.length > 0) {
    yield { prompt: apply(fixes), takes: fixes.map((f) => f.id), reading: words.all[lang](ids(fixes)) };
    const [top, ...rest] = fixes;
    if (rest.length > 0) {
      yield { prompt: apply([top!]), takes: [top!.id], reading: words.top[lang](top!.id) };
      yield { prompt: apply(rest), takes: rest.map((f) => f.id), reading: words.rest[lang](ids(rest), top!.id) };
      for (const [aspect, group] of groupBy(fixes, (f) => f.aspect)) {
        yield { prompt: apply(group), takes: group.map((f) => f.id), reading: words.aspect[lang](aspect, ids(group)) };
      }
      for (const fix of rest) yield { prompt: apply([fix]), takes: [fix.id], reading: words.single[lang](fix.id) };
    }
  } else {
    yield { prompt: clamp(base), takes: [], reading: words.literal[lang] };
  }
  const fixed = fixes.length > 0 ? apply(fixes) : base;
  for (const reading of readings) {
    const phrase = (reading.test.test(fixed) ? reading.when : reading.otherwise)[lang];
    yield {
      prompt: clamp(withPhrase({ prompt: fixed, section: reading.section, phrase, language: lang })),
      takes: fixes.map((f) => f.id),
      reading: words.reading[lang](reading.reading[lang], fixes.length > 0 ? words.withFixes[lang] : ""),
    };
  }
}

/** Each note's advice, where it quotes words to add, goes into every draft: notes change the next prompts. */
export function withNotes(prompt: string, notes: readonly ModelNote[]): string {
  const patches = notes.flatMap((note) => {
    const quoted = /["“「]([^"”」]{2,120})["”」]/.exec(note.advice)?.[1];
    return quoted ? [{ id: `note-${note.id}`, fix: `Add "${quoted}"`, edited: true }] : [];
  });
  return patches.length === 0 ? prompt : applyFixes({ prompt, issues: patches });
}

/** A phrase into its section of a labelled prompt, or after free text. */
function withPhrase({ prompt, section, phrase, language }: { prompt: string; section: SectionKey; phrase: string; language: Language }): string {
  const structured = parseStructured(prompt, language);
  if (!structured) return `${prompt.replace(/[\s,，.。;；]+$/, "")}${language === "zh" ? "，" : ", "}${phrase}`;
  const current = structured.sections[section];
  const sections = { ...structured.sections, [section]: current ? joinPhrases(language, [...splitPhrases(current), phrase]) : phrase };
  return renderStructured({ ...structured, sections });
}

/**
 * The Offline engine writes labelled lines (the Local renderers' keyword form). For models that
 * read sentences the lines become sentences; for type-setting models the text line leads.
 */
export function inStyle(prompt: string, style: PromptStyle | undefined): string {
  if (!style || style === "keywords") return prompt;
  const language = detectLanguage(prompt);
  const structured = parseStructured(prompt, language);
  if (!structured) return prompt;
  const stop = language === "zh" ? "。" : ". ";
  const sentence = (text: string) => (language === "zh" ? text : text.charAt(0).toUpperCase() + text.slice(1));
  const order: SectionKey[] = style === "quoted-text" ? ["typography", "subject", "style", "composition", "lighting", "palette", "aspect"] : ["subject", "style", "composition", "lighting", "palette", "typography", "aspect"];
  const body = order.flatMap((key) => (structured.sections[key] ? [sentence(structured.sections[key]!)] : []));
  return normalisePrompt([...body, ...structured.extra].join(stop).replace(/\s+$/, "") + (language === "zh" ? "。" : "."));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()];
}

function clamp(text: string): string {
  const clean = normalisePrompt(text);
  return clean.length <= MAX_PROMPT_LENGTH ? clean : clean.slice(0, MAX_PROMPT_LENGTH);
}

/**
 * Claude's drafts, checked: a draft that repeats an earlier one is replaced by a deterministic
 * variant (its reading says so), or left out when no distinct variant is left.
 */
export function repairDrafts(input: {
  drafts: ReadonlyArray<{ prompt: string; takes: string[]; reading: string }>;
  base: string;
  fixes: readonly VariantFix[];
  notes?: readonly ModelNote[];
  k: number;
  style?: PromptStyle;
  language?: Language;
}): { drafts: Draft[]; repaired: Draft["label"][]; dropped: number } {
  const lang = input.language ?? detectLanguage(input.base);
  const given = input.drafts.slice(0, input.k);
  const duplicates = new Set(duplicateIndexes(given.map((d) => d.prompt), input.base));
  const kept = given.filter((_, i) => !duplicates.has(i));
  const missing = input.k - kept.length;
  const fills = missing > 0 ? variantDrafts({ prompt: input.base, fixes: input.fixes, notes: input.notes, k: missing, style: input.style, language: lang, avoid: kept.map((d) => d.prompt) }) : [];
  const repairedNote = { en: "Written by Loupe: Claude's draft repeated another. ", zh: "由 Loupe 补写：Claude 的这一稿与另一稿重复。" }[lang];
  const all = [
    ...kept.map((d) => ({ ...d, source: "claude" as const })),
    ...fills.map((d) => ({ ...d, reading: `${repairedNote}${d.reading}`, source: "repaired" as const })),
  ];
  const drafts = all.map((d, i) => ({ ...d, label: draftLabels[i]! }));
  return { drafts, repaired: drafts.filter((d) => d.source === "repaired").map((d) => d.label), dropped: input.k - drafts.length };
}

/**
 * A run's first drafts when nothing has been critiqued yet: the prompt as it stands, then
 * different readings of it (composition, light, palette). Deterministic and free on either engine,
 * so a run's first round costs no call more than the critiques it always had.
 */
export function briefReadings(input: { prompt: string; k: number; style?: PromptStyle; notes?: readonly ModelNote[]; language?: Language }): Draft[] {
  return variantDrafts({ prompt: input.prompt, fixes: [], notes: input.notes, k: input.k, style: input.style, language: input.language }).map((d, i) => ({ ...d, label: draftLabels[i]!, source: "loupe" as const }));
}

/**
 * Drafts checked against the prompts a run already rendered: one that repeats an earlier render
 * (the best did not change, so its revision came out the same) is replaced by a different reading
 * of the base prompt, and left out when none is left. Seeds stay as the designer set them, so a
 * repeated prompt would only render the same image again.
 */
export function avoidTried(input: { drafts: readonly Draft[]; tried: readonly string[]; base: string; notes?: readonly ModelNote[]; style?: PromptStyle; language?: Language }): Draft[] {
  const repeats = (prompt: string) => input.tried.some((other) => nearDuplicate(prompt, other, input.base));
  const kept = input.drafts.filter((d) => !repeats(d.prompt));
  if (kept.length === input.drafts.length) return [...input.drafts];
  const lang = input.language ?? detectLanguage(input.base);
  const avoid = [...input.tried, ...kept.map((d) => d.prompt)];
  const fills = variantDrafts({ prompt: input.base, fixes: [], notes: input.notes, k: input.drafts.length - kept.length, style: input.style, language: lang, avoid });
  const note = { en: "Written by Loupe: the draft repeated an earlier render. ", zh: "由 Loupe 补写：这一稿与之前的渲染重复。" }[lang];
  const all = [...kept, ...fills.map((d) => ({ ...d, reading: `${note}${d.reading}`, source: "repaired" as const }))];
  return all.map((d, i) => ({ ...d, label: draftLabels[i]! }));
}
