import "server-only";
import type { Critique, CritiqueIssue } from "@/lib/schemas/critique";
import type { DraftLabel } from "@/lib/schemas/exploration";
import { draftLabels } from "@/lib/schemas/exploration";
import type { ModelNote } from "@/lib/schemas/model-notes";
import type { PromptStyle } from "@/lib/schemas/prompt-style";
import { styleLine, tagged } from "../prompts";

/**
 * The task blocks of the exploration calls (sent after the handbook, cached) and their user
 * messages (volatile). Versioned like the other prompts.
 */
export const EXPLORE_PROMPT_VERSION = "explore-2026-12-v1";

export const DRAFTS_SYSTEM_PROMPT = `# Your job now: write k different drafts for the next round
You receive the prompt to improve (<prompt>), the designer's draft (<draft>), the fixes to work from
(<accepted_fixes>, each with its id; "(none)" means there is no critique yet and the drafts are
different readings of the brief), sometimes a note from the designer (<note>), the number of drafts
(<k>), the prompt style of the model that will render them (<style>) and the notes on that model.
Write exactly k prompts, following the handbook's "Writing several drafts of one round":
- Each draft is a complete prompt in the style's form and the prompt's language, keeping every
  requirement of the draft and every quoted text exactly.
- Drafts differ in the fixes they take or in the reading they bet on; no two may be rewordings of
  each other.
- takes: the ids of the fixes the draft applies (empty when there are no fixes).
- reading: one line, in the designer's interface language when one is named, saying which fixes it
  takes and which reading it bets on.
- Follow every model note's advice; where a note's advice can be followed in more than one way, let
  the drafts try different ways.
Answer only with the JSON object the output format describes.`;

export const PICK_SYSTEM_PROMPT = `# Your job now: pick the best render of the round
You see the round's renders together, each after a <candidate label="…"> block with the prompt it
came from and, when there is one, its critique's score and summary; before them, when there is one,
the best image of the run so far after a <best_so_far> block; and the designer's draft (<draft>).
Compare them side by side as the handbook's "Comparing renders side by side" describes.
- winner: the label of the best render of this round.
- reasons: up to four, most important first, each comparing the winner with the others.
- perImage: one line per render, in label order.
- beatsBest: whether the winner is better than the best so far by the same standard (true when there
  is no best so far); versusBest: why, in one sentence (empty when there is no best so far).
Write reasons and notes in the designer's interface language when one is named.
Answer only with the JSON object the output format describes.`;

export const NOTES_SYSTEM_PROMPT = `# Your job now: update the notes on the model that rendered the round
You receive the model's name (<target>), the notes kept on it so far as JSON (<current_notes>), the
designer's draft (<draft>), and the round's attempts (<attempts>): each prompt with what its render's
critique found. Following the handbook's "Model notes", return the full updated list of notes:
- Keep every note that still holds, adding this round's evidence and raising its confidence when the
  behaviour repeated; lower the confidence of a note a render contradicted; drop a note whose
  evidence is all contradicted.
- Add a note only for a behaviour of the model that the attempts show (an instruction it ignored or
  overdid), never for one unlucky render or the designer's taste.
- Keep every note whose source is "designer" exactly as it is, with the same id.
- id: a short kebab-case slug, stable across updates. At most 12 notes, strongest evidence first.
- Write behaviour and advice in the designer's interface language when one is named.
Answer only with the JSON object the output format describes.`;

export const REVIEW_SYSTEM_PROMPT = `# Your job now: review a finished round
The round's renders are shown together, each after a <candidate label="…"> block with its prompt and
its critique (score, summary and issues with ids); before them, when there is one, the best image of
the run so far after a <best_so_far> block. After them come the designer's draft (<draft>), the
round number (<round>), the model's name (<target>), the notes kept on it as JSON (<current_notes>),
the number of drafts to write for the next round (<k>) and the model's prompt style (<style>).
Do three things, in this order, in one JSON answer:
1. pick — as the handbook's "Comparing renders side by side": winner (a label), reasons comparing
   it with the others, perImage (one line per render), beatsBest (true when there is no best so
   far) and versusBest.
2. notes — the full updated list of notes on the model, as the handbook's "Model notes" says: what
   this round's prompts asked and its renders did. Keep notes whose source is "designer" exactly.
3. drafts — exactly k prompts for the next round (none when k is 0), written from the best image
   after your pick (the winner if it beats the best so far, else the best so far): its prompt
   improved with its critique's fixes and what the comparison showed, following the updated notes,
   as the handbook's "Writing several drafts of one round" says. takes: the issue ids of the best
   image's critique that the draft applies; reading: one line on what the draft bets on.
Write reasons, notes and readings in the designer's interface language when one is named; prompts in
the prompt's language. Answer only with the JSON object the output format describes.`;

const languageNames = { en: "English", zh: "Simplified Chinese" } as const;

/** Named in the user turn, never the cached prefix, so the prefix is the same in every language. */
export function interfaceLanguageLine(language: "en" | "zh" | undefined): string {
  return language ? `The designer's interface language is ${languageNames[language]}.` : "";
}

export function fixLines(issues: ReadonlyArray<Pick<CritiqueIssue, "id" | "problem" | "fix" | "severity"> & { aspect: string }>): string {
  return issues.map((issue) => `- id=${issue.id} [${issue.aspect}, ${issue.severity}] ${issue.problem} → ${issue.fix}`).join("\n");
}

export function draftsUserMessage(input: {
  prompt: string;
  draft: string;
  issues: ReadonlyArray<Pick<CritiqueIssue, "id" | "problem" | "fix" | "severity"> & { aspect: string }>;
  note?: string;
  k: number;
  style?: PromptStyle;
  language?: "en" | "zh";
}): string {
  const parts = [
    `${styleLine(input.style)}<k>${input.k}</k>`,
    tagged("prompt", input.prompt),
    tagged("draft", input.draft),
    tagged("accepted_fixes", fixLines(input.issues) || "(none)"),
  ];
  if (input.note) parts.push(tagged("note", input.note));
  parts.push(`Write exactly ${input.k} drafts, in the order ${draftLabels.slice(0, input.k).join(", ")}.`);
  const language = interfaceLanguageLine(input.language);
  if (language) parts.push(language);
  return parts.join("\n\n");
}

/** The text block before a candidate's image. */
export function candidateBlock({ label, prompt, critique, withIssues }: { label: DraftLabel; prompt: string; critique?: Critique; withIssues?: boolean }): string {
  const lines = [`<candidate label="${label}">`, tagged("prompt", prompt)];
  if (critique) {
    lines.push(`<critique overall="${critique.overall}">\n${critique.summary}`);
    if (withIssues && critique.issues.length > 0) lines.push(fixLines(critique.issues));
    lines.push("</critique>");
  }
  lines.push("</candidate>");
  return lines.join("\n");
}

export function bestBlock({ prompt, critique, withIssues }: { prompt: string; critique?: Critique; withIssues?: boolean }): string {
  return candidateBlock({ label: "A", prompt, critique, withIssues }).replace('<candidate label="A">', "<best_so_far>").replace("</candidate>", "</best_so_far>");
}

export function pickInstruction({ draft, labels, language, hasBest }: { draft: string; labels: readonly DraftLabel[]; language?: "en" | "zh"; hasBest: boolean }): string {
  const parts = [
    tagged("draft", draft),
    `Compare the renders labelled ${labels.join(", ")} against the draft${hasBest ? " and the best so far" : ""}, and pick the best.`,
  ];
  const line = interfaceLanguageLine(language);
  if (line) parts.push(line);
  return parts.join("\n\n");
}

/** The current notes as the update calls read them: every field, ids included. */
export function currentNotesJson(notes: readonly ModelNote[]): string {
  return `<current_notes>\n${JSON.stringify(notes)}\n</current_notes>`;
}

export function notesUserMessage(input: {
  target: string;
  notes: readonly ModelNote[];
  draft: string;
  attempts: ReadonlyArray<{ round?: number; prompt: string; critique: Critique }>;
  round?: number;
  language?: "en" | "zh";
}): string {
  const attempts = input.attempts
    .map((attempt, i) => {
      const round = attempt.round ?? input.round;
      const head = `<attempt${round === undefined ? "" : ` round="${round}"`} n="${i + 1}">`;
      return [head, tagged("prompt", attempt.prompt), `<critique overall="${attempt.critique.overall}">`, attempt.critique.summary, fixLines(attempt.critique.issues), "</critique>", "</attempt>"].filter(Boolean).join("\n");
    })
    .join("\n");
  const parts = [
    `<target>${input.target}</target>`,
    ...(input.round === undefined ? [] : [`<round>${input.round}</round>`]),
    currentNotesJson(input.notes),
    tagged("draft", input.draft),
    `<attempts>\n${attempts}\n</attempts>`,
    "Update the notes on this model from these attempts.",
  ];
  const line = interfaceLanguageLine(input.language);
  if (line) parts.push(line);
  return parts.join("\n\n");
}

export function reviewInstruction(input: {
  draft: string;
  labels: readonly DraftLabel[];
  hasBest: boolean;
  round: number;
  target: string;
  notes: readonly ModelNote[];
  k: number;
  style?: PromptStyle;
  language?: "en" | "zh";
}): string {
  const parts = [
    tagged("draft", input.draft),
    `<round>${input.round}</round>`,
    `<target>${input.target}</target>`,
    currentNotesJson(input.notes),
    `${styleLine(input.style)}<k>${input.k}</k>`,
    `Review round ${input.round}: pick among ${input.labels.join(", ")}${input.hasBest ? " (against the best so far)" : ""}, update the notes, then write ${input.k} draft${input.k === 1 ? "" : "s"} for the next round.`,
  ];
  const line = interfaceLanguageLine(input.language);
  if (line) parts.push(line);
  return parts.join("\n\n");
}
