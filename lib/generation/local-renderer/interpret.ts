import "server-only";
import { adjust, withHsl, hexToHsl } from "./color";
import {
  colorModifiers,
  colorTerms,
  compositionTerms,
  headlineTerms,
  moodTerms,
  motifTerms,
  notColors,
  styleTerms,
  type Term,
} from "./lexicon";

export type Motif = keyof typeof motifTerms | "abstract";
export type Mood = keyof typeof moodTerms;
export type Style = keyof typeof styleTerms;
export type Composition = "centered" | "thirds" | "left" | "right";

/** What the renderer understood from a prompt. Pure data, so it can be tested and reported. */
export type Design = {
  headline?: string;
  subline?: string;
  colors: string[];
  /** A colour asked to fill large areas ("large areas of bold gold", "大面积使用金色"). */
  dominant?: string;
  moods: Set<Mood>;
  styles: Set<Style>;
  motifs: Motif[];
  composition: Composition;
  scale: "close" | "normal" | "wide";
  minimal: boolean;
  headlinePosition: "top" | "bottom";
  topSpace: boolean;
  headlineScale: number;
  grain: number;
  /** Words the renderer acted on, in the order it found them (for metadata and debugging). */
  recognized: string[];
};

type Text = { en: string; zh: string };

const NEGATION_EN = /(?:^|[^a-z])(?:no|not|without|avoid|avoiding|never|less|fewer|remove|drop|lose|minus)\s+(?:[a-z-]+\s+)?$/;
const NEGATION_ZH = ["不要", "没有", "去掉", "去除", "无", "不", "别", "非"];
const QUOTES = /"([^"\n]{1,120})"|“([^”\n]{1,120})”|「([^」\n]{1,120})」|『([^』\n]{1,120})』|《([^》\n]{1,120})》/g;

function englishPattern(term: Term): RegExp | undefined {
  if (term.en.length === 0) return undefined;
  return new RegExp(`(?<![a-z0-9])(?:${term.en.join("|")})(?![a-z0-9])`, "g");
}

type Hit = { index: number; length: number; text: string };

/** Every non-negated occurrence of a term, English and Chinese. */
function findAll(text: Text, term: Term): Hit[] {
  const hits: Hit[] = [];
  const pattern = englishPattern(term);
  if (pattern) {
    for (const match of text.en.matchAll(pattern)) {
      const index = match.index ?? 0;
      if (!NEGATION_EN.test(text.en.slice(Math.max(0, index - 40), index))) {
        hits.push({ index, length: match[0].length, text: match[0] });
      }
    }
  }
  for (const word of term.zh) {
    for (let index = text.zh.indexOf(word); index !== -1; index = text.zh.indexOf(word, index + word.length)) {
      const before = text.zh.slice(Math.max(0, index - 3), index);
      if (!NEGATION_ZH.some((n) => before.endsWith(n))) hits.push({ index, length: word.length, text: word });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

const has = (text: Text, term: Term) => findAll(text, term).length > 0;

/** Blank out spans so later, shorter terms ("blue") do not re-match longer ones ("sky blue"). */
function blank(source: string, hits: Hit[]): string {
  let out = source;
  for (const hit of hits) out = out.slice(0, hit.index) + " ".repeat(hit.length) + out.slice(hit.index + hit.length);
  return out;
}

function applyModifier(hex: string, before: Text, recognized: string[]): string {
  for (const modifier of colorModifiers) {
    const en = modifier.en.some((w) => new RegExp(`(?:^|[^a-z])${w}[ -]$`).test(before.en));
    const zh = modifier.zh.some((w) => before.zh.endsWith(w));
    if (!en && !zh) continue;
    const { change } = modifier;
    let out = adjust(hex, { l: change.l ?? 0, s: change.s ?? 0 });
    if (change.setL !== undefined) out = withHsl(out, { l: Math.max(change.setL, hexToHsl(out).l) });
    if (change.setS !== undefined) out = withHsl(out, { s: change.setS });
    recognized.push(en ? modifier.en[0]! : modifier.zh[0]!);
    return out;
  }
  return hex;
}

function extractColors(text: Text, recognized: string[]): string[] {
  let working: Text = {
    en: blank(text.en, findAll(text, { en: notColors.en, zh: [] })),
    zh: blank(text.zh, findAll(text, { en: [], zh: notColors.zh })),
  };
  const found: Array<{ index: number; hex: string }> = [];
  for (const term of colorTerms) {
    const hits = findAll(working, term);
    for (const hit of hits) {
      const before = { en: working.en.slice(Math.max(0, hit.index - 12), hit.index), zh: working.zh.slice(Math.max(0, hit.index - 2), hit.index) };
      found.push({ index: hit.index, hex: applyModifier(term.hex, before, recognized) });
      recognized.push(hit.text);
    }
    working = { en: blank(working.en, hits.filter((h) => /[a-z]/.test(h.text))), zh: blank(working.zh, hits.filter((h) => !/[a-z]/.test(h.text))) };
  }
  const ordered = found.sort((a, b) => a.index - b.index).map((f) => f.hex);
  return [...new Set(ordered)];
}

function collectKeys<K extends string>(text: Text, terms: Record<K, Term>, recognized: string[]): Set<K> {
  const out = new Set<K>();
  for (const key of Object.keys(terms) as K[]) {
    const hits = findAll(text, terms[key]);
    if (hits.length > 0) {
      out.add(key);
      recognized.push(hits[0]!.text);
    }
  }
  return out;
}

function orderedMotifs(text: Text, recognized: string[]): Motif[] {
  const found: Array<{ motif: Motif; index: number }> = [];
  for (const motif of Object.keys(motifTerms) as Array<keyof typeof motifTerms>) {
    const hits = findAll(text, motifTerms[motif]);
    if (hits.length > 0) {
      found.push({ motif, index: hits[0]!.index });
      recognized.push(hits[0]!.text);
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.motif);
}

function extractQuotes(prompt: string): { quotes: string[]; rest: string } {
  const quotes: string[] = [];
  const rest = prompt.replace(QUOTES, (...groups: unknown[]) => {
    const inner = groups.slice(1, 6).find((g): g is string => typeof g === "string");
    if (inner && inner.trim()) quotes.push(inner.trim());
    return " ";
  });
  return { quotes, rest };
}

function pickComposition(composition: Set<keyof typeof compositionTerms>): Composition {
  if (composition.has("thirds")) return "thirds";
  if (composition.has("left") && !composition.has("right")) return "left";
  if (composition.has("right") && !composition.has("left")) return "right";
  return "centered";
}

function grainLevel(text: Text, styles: Set<Style>): number {
  if (styles.has("clean") || styles.has("flat")) return 0;
  if (/(?<![a-z])(no|without|zero)\s+(film\s+)?(grain|noise|texture)/.test(text.en) || /(不要|无|去掉|没有)(颗粒|噪点)/.test(text.zh)) return 0;
  if (/(?<![a-z])less\s+(grain|noise|texture)/.test(text.en) || /(减少|更少)(颗粒|噪点)/.test(text.zh)) return 0.02;
  const strong =
    /(?<![a-z])(more|heavy|heavier|strong|stronger|lots of|coarse|extra)\s+(film\s+)?(grain|noise|texture)/.test(text.en) ||
    /(更多|强烈|粗)(颗粒|噪点|质感)/.test(text.zh);
  if (strong) return 0.2;
  if (styles.has("grain")) return 0.13;
  return 0.05;
}

const DOMINANT_EN = /(?<![a-z])(?:large areas of|dominated by|mostly|flooded with|a field of)\s+(?:bold |deep |rich |bright |soft )?([a-z]+(?:[ -][a-z]+)?)/;
const DOMINANT_ZH = /(?:大面积(?:使用|的)?|大片(?:的)?|以)([\u4e00-\u9fff]{1,4}?色)/;

/** The colour a prompt wants to dominate the frame, if it says so. */
function dominantColor(text: Text, recognized: string[]): string | undefined {
  const phrase = DOMINANT_EN.exec(text.en)?.[1] ?? DOMINANT_ZH.exec(text.zh)?.[1];
  if (!phrase) return undefined;
  const found = extractColors({ en: phrase, zh: phrase }, []);
  if (found[0]) recognized.push(`dominant ${phrase}`);
  return found[0];
}

export function interpretPrompt(prompt: string): Design {
  const { quotes, rest } = extractQuotes(prompt.normalize("NFC"));
  const text: Text = { en: rest.toLowerCase(), zh: rest };
  const recognized: string[] = [];
  const colors = extractColors(text, recognized);
  const moods = collectKeys(text, moodTerms, recognized);
  const styles = collectKeys(text, styleTerms, recognized);
  const composition = collectKeys(text, compositionTerms, recognized);
  const motifs = orderedMotifs(text, recognized);
  const larger = has(text, headlineTerms.larger);
  const smaller = !larger && has(text, headlineTerms.smaller);
  const topSpace = has(text, headlineTerms.topSpace);
  if (larger) recognized.push("larger headline");
  if (smaller) recognized.push("smaller headline");
  if (topSpace) recognized.push("space at the top");
  return {
    headline: quotes[0],
    subline: quotes[1],
    colors,
    dominant: dominantColor(text, recognized),
    moods,
    styles,
    motifs: motifs.length > 0 ? motifs : ["abstract"],
    composition: pickComposition(composition),
    scale: composition.has("closeUp") ? "close" : composition.has("wide") ? "wide" : "normal",
    minimal: composition.has("minimal"),
    headlinePosition: has(text, headlineTerms.bottom) && !topSpace ? "bottom" : "top",
    topSpace,
    headlineScale: larger ? 1.4 : smaller ? 0.7 : 1,
    grain: grainLevel(text, styles),
    recognized,
  };
}
