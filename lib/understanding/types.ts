import "server-only";
import type { Critique, Usage } from "@/lib/schemas/critique";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import type { PromptStyle } from "@/lib/schemas/prompt-style";
import type { ReferenceRole } from "@/lib/schemas/edit";
import type { EngineKind } from "@/lib/schemas/iteration";
import type { ReferenceDescription } from "@/lib/schemas/reference";
import type { VideoCritique } from "@/lib/schemas/video";
import type { DescribeVideoInput, DescribeVideoOutput, VideoCritiqueInput, VideoCritiqueOutput } from "./video/types";
import type { PickInput, PickOutput, ReviewRoundInput, ReviewRoundOutput, WriteDraftsInput, WriteDraftsOutput, WriteNotesInput, WriteNotesOutput } from "./explore/types";

export type EngineInfo = {
  kind: EngineKind;
  label: "Claude" | "Offline";
  refineModel: string;
  critiqueModel: string;
  /** Tokens a deeper critique may spend thinking (LOUPE_CRITIQUE_THINKING=deep); budgets reserve them. */
  critiqueThinkingBudget?: number;
};

export type RefineEvent =
  | { type: "delta"; text: string }
  | { type: "done"; prompt: string; usage: Usage; model: string };

/**
 * What every prompt-writing call may know about the model that will render: its prompt style (from
 * the capability table in lib/generation, passed in by the orchestration) and the notes on it.
 * Both optional: without them a call writes as it always did.
 */
export type TargetModel = {
  style?: PromptStyle;
  /** The notes on the target model (one provider/model). */
  notes?: ModelNotes;
};

export type RefineInput = TargetModel & { draft: string; signal?: AbortSignal };

export type CritiqueImage = { bytes: Uint8Array; mediaType: string };

export type CritiqueInput = TargetModel & {
  image: CritiqueImage;
  /** The prompt the image was rendered from. */
  prompt: string;
  /** The designer's own words; scores are anchored to both. */
  draft: string;
  /** Earlier prompts in this line of iterations, oldest first, so advice does not repeat itself. */
  previousAttempts?: string[];
  /** The designer's UI language: summary, issues and strengths are written in it. Omitted = the prompt's language. */
  language?: "en" | "zh";
  /** The designer's reference image and its description: the result is compared against it. */
  reference?: { image: CritiqueImage; description: ReferenceDescription };
  /**
   * The critique of a region edit: `image` is the result, `before` the image that was edited and
   * `mask` the region painted on it. The critique then carries `region` (lib/understanding/edit/).
   */
  edit?: { before: CritiqueImage; mask: CritiqueImage };
  /** The moodboard (at most 8): the render is compared with each reference by its role; the critique carries `references`. */
  references?: Array<{ image: CritiqueImage; role: ReferenceRole; description?: ReferenceDescription }>;
  signal?: AbortSignal;
  /**
   * Called once the answer has begun: from then on its prompt is in Claude's cache, and critiques
   * sharing that prefix can be sent (caching/warm.ts). Asking for it streams the answer.
   */
  onStarted?: () => void;
};

export type DescribeInput = { image: CritiqueImage; signal?: AbortSignal };

export type DescribeOutput = { description: ReferenceDescription; usage: Usage; model: string };

export type CritiqueOutput = { critique: Critique; usage: Usage; model: string };

export type ReviseInput = TargetModel & {
  prompt: string;
  draft: string;
  /** An image's critique, or a clip's (its issues carry time marks; the revision works the same way). */
  critique: Critique | VideoCritique;
  /** Omitted = every issue accepted. */
  acceptedIssueIds?: string[];
  /** The designer's own wording of a fix, by issue id; it replaces Claude's. */
  editedFixes?: Record<string, string>;
  note?: string;
  signal?: AbortSignal;
};

export type ReviseOutput = { prompt: string; usage: Usage; model: string };

/** One exchange about an image: `question` null is the first turn, the summary of its key information. */
export type ImageTurn = { question: string | null; answer: string; /** The UI language it was asked in. */ language: "en" | "zh" };

export type DiscussImageInput = {
  image: CritiqueImage;
  /** Earlier turns of the same conversation, oldest first; the image stays in context. */
  turns: ImageTurn[];
  /** Null asks for the summary; otherwise the designer's follow-up question. */
  question: string | null;
  /** The designer's UI language: answers are written in it unless the question is in another. */
  language: "en" | "zh";
  signal?: AbortSignal;
};

export type DiscussImageEvent =
  | { type: "delta"; text: string }
  | { type: "done"; text: string; usage: Usage; model: string };

export interface UnderstandingEngine {
  info: EngineInfo;
  refine(input: RefineInput): AsyncGenerator<RefineEvent>;
  critique(input: CritiqueInput): Promise<CritiqueOutput>;
  revise(input: ReviseInput): Promise<ReviseOutput>;
  /** Reads a reference image: subject, style, palette, composition, text. */
  describe(input: DescribeInput): Promise<DescribeOutput>;
  /** Critiques a clip from its frames (all in one request) and transcript: scores, issues with time marks, a revised prompt. */
  critiqueVideo(input: VideoCritiqueInput): Promise<VideoCritiqueOutput>;
  /** Summarises a clip: scenes with time marks, on-screen text, speech, the key information. */
  describeVideo(input: DescribeVideoInput): Promise<DescribeVideoOutput>;
  /** Summarises any image's key information, then answers follow-up questions about it, streamed. */
  discussImage(input: DiscussImageInput): AsyncGenerator<DiscussImageEvent>;
  /** k (1–4) different prompts in one call, each taking different fixes or readings; k = 1 is revise(). */
  writeDrafts(input: WriteDraftsInput): Promise<WriteDraftsOutput>;
  /** Compares a round's renders side by side (labelled A, B, …) beside the intent and the best so far, and picks one. */
  pickBest(input: PickInput): Promise<PickOutput>;
  /** Writes or updates the notes on what the rendering model does with kinds of instructions. */
  writeModelNotes(input: WriteNotesInput): Promise<WriteNotesOutput>;
  /** The loop's one call per round after the critiques: the pick, the updated notes and the next round's drafts. */
  reviewRound(input: ReviewRoundInput): Promise<ReviewRoundOutput>;
}

type RevisionChoice = Pick<ReviseInput, "critique" | "acceptedIssueIds" | "editedFixes">;

/**
 * The issues a revision is built from: only those the designer kept (`undefined` = all of
 * them), each with the designer's edit of its fix where there is one. Rejected points never
 * reach the prompt writer, so their words cannot leak into the revision.
 */
export function acceptedIssues({ critique, acceptedIssueIds, editedFixes }: RevisionChoice) {
  const wanted = acceptedIssueIds === undefined ? null : new Set(acceptedIssueIds);
  return critique.issues
    .filter((issue) => wanted === null || wanted.has(issue.id))
    .map((issue) => {
      const edited = editedFixes?.[issue.id]?.trim();
      return edited && edited !== issue.fix ? { ...issue, fix: edited } : issue;
    });
}

/** True when a kept fix reads differently from the critique's own, so its revised prompt no longer applies. */
export function hasEditedFixes({ critique, acceptedIssueIds, editedFixes }: RevisionChoice): boolean {
  const kept = acceptedIssues({ critique, acceptedIssueIds, editedFixes });
  return kept.some((issue) => critique.issues.find((original) => original.id === issue.id)?.fix !== issue.fix);
}
