import "server-only";
import type { Critique } from "@/lib/schemas/critique";
import { MAX_MODEL_NOTES, type ModelNote, type ModelNoteKind, type ModelNotes, type NoteConfidence } from "@/lib/schemas/model-notes";
import { colourName } from "../offline/colours";
import { detectLanguage, type Language } from "../offline/language";
import { readRequirements, type Requirements } from "../offline/requirements";
import type { NotesAttempt } from "./types";

/**
 * The Offline engine's model notes, from the offline critiques' measurements: a requirement the
 * prompt stated and the render measurably missed, seen again and again, is a habit of the model
 * ("doesn't set quoted text" when no line of type is found under a prompt with a headline). One
 * observation is a low-confidence note; the same in a second round medium; three rounds high. A
 * round that asked again and did not show it lowers the confidence, and a low note it contradicts
 * is dropped. Notes the designer wrote or edited are kept as they are.
 */
type Rule = {
  /** The offline critique's issue id, or a prefix of it. */
  issue: RegExp;
  /** Only when the prompt asked for what the issue says is missing. */
  asked: (req: Requirements) => string | null;
  kind: ModelNoteKind;
  id: (issueId: string) => string;
  behaviour: (issueId: string, lang: Language) => string;
  advice: (issueId: string, lang: Language) => string;
};

const colourOf = (issueId: string) => issueId.slice("palette-missing-".length);

const rules: Rule[] = [
  {
    issue: /^headline-not-visible$/,
    asked: (req) => (req.headline ? `"${req.headline}"` : null),
    kind: "quoted-text",
    id: () => "quoted-text-not-set",
    behaviour: (_, l) => (l === "zh" ? "不渲染引号中的文字：画面里找不到文字行" : "doesn't set quoted text: no line of type in the render"),
    advice: (_, l) => (l === "zh" ? "加入“更大的标题，高对比文字”，并把引号内文字控制在几个字以内" : 'Add "larger headline, high contrast text" and keep the quoted text to a few words'),
  },
  {
    issue: /^headline-low-contrast$/,
    asked: (req) => (req.headline ? `"${req.headline}"` : null),
    kind: "quoted-text",
    id: () => "quoted-text-low-contrast",
    behaviour: (_, l) => (l === "zh" ? "文字与背景区分度低" : "sets quoted text with too little contrast"),
    advice: (_, l) => (l === "zh" ? "加入“文字置于纯色底带上，高对比”" : 'Add "high contrast text on a plain band"'),
  },
  {
    issue: /^palette-missing-/,
    asked: (req) => (req.colours.length > 0 ? req.colours.map((c) => c.id).join(", ") : null),
    kind: "colour",
    id: (issueId) => `drops-${colourOf(issueId)}`,
    behaviour: (issueId, l) => (l === "zh" ? `丢掉提示词中的${colourName(colourOf(issueId), "zh")}` : `drops the named colour ${colourName(colourOf(issueId), "en")}`),
    advice: (issueId, l) => (l === "zh" ? `加入“大面积使用${colourName(colourOf(issueId), "zh")}”` : `Add "large areas of bold ${colourName(colourOf(issueId), "en")}"`),
  },
  {
    issue: /^colour-dull$/,
    asked: (req) => (req.vibrant ? "vivid colour" : null),
    kind: "colour",
    id: () => "under-saturates",
    behaviour: (_, l) => (l === "zh" ? "要求鲜艳时色彩仍偏淡" : "under-saturates when vivid colour is asked"),
    advice: (_, l) => (l === "zh" ? "加入“鲜艳饱和的色彩”" : 'Add "vibrant, saturated colors"'),
  },
  {
    issue: /^not-monochrome$/,
    asked: (req) => (req.monochrome ? "monochrome" : null),
    kind: "colour",
    id: () => "ignores-monochrome",
    behaviour: (_, l) => (l === "zh" ? "要求单色时仍加入色彩" : "adds colour when monochrome is asked"),
    advice: (_, l) => (l === "zh" ? "加入“严格单色，黑白”" : 'Add "strictly monochrome, black and white"'),
  },
  {
    issue: /^(mood-not-dark|too-bright)$/,
    asked: (req) => (req.mood === "dark" ? "a dark mood" : null),
    kind: "lighting",
    id: () => "brightens-dark-scenes",
    behaviour: (_, l) => (l === "zh" ? "把暗调场景画得偏亮" : "brightens scenes asked to be dark"),
    advice: (_, l) => (l === "zh" ? "加入“更暗的低调光线，深色阴影”" : 'Add "darker, low-key lighting, deep shadows"'),
  },
  {
    issue: /^too-dark$/,
    asked: (req) => (req.mood === "bright" ? "a bright scene" : null),
    kind: "lighting",
    id: () => "darkens-bright-scenes",
    behaviour: (_, l) => (l === "zh" ? "把明亮的场景画得偏暗" : "renders scenes asked to be bright too dark"),
    advice: (_, l) => (l === "zh" ? "加入“明亮通透的光线”" : 'Add "bright, airy lighting"'),
  },
  {
    issue: /^busy$/,
    asked: (req) => (req.minimal ? "minimal" : null),
    kind: "composition",
    id: () => "clutters-minimal",
    behaviour: (_, l) => (l === "zh" ? "要求极简时仍画得繁杂" : "adds clutter when a minimal image is asked"),
    advice: (_, l) => (l === "zh" ? "加入“极简，减少元素，背景干净”" : 'Add "minimal, fewer elements, plain background"'),
  },
  {
    issue: /^off-center$/,
    asked: (req) => (req.centered ? "centred" : null),
    kind: "composition",
    id: () => "off-centre",
    behaviour: (_, l) => (l === "zh" ? "要求居中时主体偏向一侧" : "places the subject off-centre when centred is asked"),
    advice: (_, l) => (l === "zh" ? "加入“主体严格居中，对称构图”" : 'Add "subject exactly centered, symmetrical"'),
  },
  {
    issue: /^stray-text$/,
    asked: (req) => (req.headline ? null : "no text"),
    kind: "detail",
    id: () => "stray-lettering",
    behaviour: (_, l) => (l === "zh" ? "未要求文字时画出类似文字的图案" : "draws stray lettering when no text is asked"),
    advice: (_, l) => (l === "zh" ? "加入“画面中不出现文字”" : 'Add "no text or lettering"'),
  },
];

const steps: NoteConfidence[] = ["low", "medium", "high"];

export function offlineModelNotes({ notes, attempts, round, language }: { notes: ModelNotes; attempts: readonly NotesAttempt[]; round?: number; language?: Language }): ModelNotes {
  const lang = language ?? detectLanguage(attempts[0]?.prompt ?? "");
  const byId = new Map(notes.notes.map((note) => [note.id, note] as const));
  const seen = new Set<string>();
  const asked = new Set<string>();
  for (const attempt of attempts) {
    const req = readRequirements(attempt.prompt);
    const when = attempt.round ?? round;
    for (const rule of rules) {
      const requirement = rule.asked(req);
      if (!requirement) continue;
      for (const id of askedIds(rule, req)) asked.add(id);
      for (const issue of matching(attempt.critique, rule)) {
        const id = rule.id(issue.id);
        seen.add(id);
        const prior = byId.get(id);
        if (prior?.source === "designer") continue;
        const excerpt = attempt.prompt.length > 90 ? `${attempt.prompt.slice(0, 89)}…` : attempt.prompt;
        const observation = { ...(when === undefined ? {} : { round: when }), prompt: `${requirement} — in “${excerpt}”`.slice(0, 300), observed: issue.problem.slice(0, 300) };
        const evidence = dedupe([...(prior?.evidence ?? []), observation]).slice(-8);
        byId.set(id, { id, kind: rule.kind, behaviour: rule.behaviour(issue.id, lang), advice: rule.advice(issue.id, lang), evidence, confidence: confidenceOf(evidence), source: "offline" });
      }
    }
  }
  const out: ModelNote[] = [];
  for (const note of byId.values()) {
    if (note.source === "designer" || seen.has(note.id) || !asked.has(note.id)) out.push(note);
    // Asked again and not seen: the round contradicts the note. A low one goes.
    else if (note.confidence !== "low") out.push({ ...note, confidence: steps[steps.indexOf(note.confidence) - 1]! });
  }
  return { ...notes, notes: rank(out).slice(0, MAX_MODEL_NOTES) };
}

/** The notes a requirement can confirm or contradict: one per named colour, else the rule's one. */
function askedIds(rule: Rule, req: Requirements): string[] {
  return rule.issue.source.includes("palette-missing") ? req.colours.map((c) => rule.id(`palette-missing-${c.id}`)) : [rule.id("")];
}

function matching(critique: Critique, rule: Rule) {
  return critique.issues.filter((issue) => rule.issue.test(issue.id));
}

/**
 * Low after one observation; medium when it repeats (a second render or a second round); high
 * when it holds across three rounds or five renders.
 */
function confidenceOf(evidence: ModelNote["evidence"]): NoteConfidence {
  const rounds = new Set(evidence.filter((e) => e.round !== undefined).map((e) => e.round)).size;
  if (rounds >= 3 || evidence.length >= 5) return "high";
  return rounds === 2 || evidence.length >= 2 ? "medium" : "low";
}

function dedupe(evidence: ModelNote["evidence"]): ModelNote["evidence"] {
  const keys = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.round ?? ""}|${e.prompt}|${e.observed}`;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

/** Designer notes first (they are the designer's word), then by confidence and evidence. */
function rank(notes: ModelNote[]): ModelNote[] {
  const weight = (n: ModelNote) => (n.source === "designer" ? 100 : 0) + steps.indexOf(n.confidence) * 10 + n.evidence.length;
  return notes.slice().sort((a, b) => weight(b) - weight(a));
}
