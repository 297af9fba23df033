import type { Critique, Usage } from "@/lib/schemas/critique";
import type { EngineKind } from "@/lib/schemas/iteration";

export type EngineInfo = {
  kind: EngineKind;
  label: "Claude" | "Offline";
  refineModel: string;
  critiqueModel: string;
};

export type RefineEvent =
  | { type: "delta"; text: string }
  | { type: "done"; prompt: string; usage: Usage; model: string };

export type RefineInput = { draft: string; signal?: AbortSignal };

export type CritiqueImage = { bytes: Uint8Array; mediaType: string };

export type CritiqueInput = {
  image: CritiqueImage;
  /** The prompt the image was rendered from. */
  prompt: string;
  /** The designer's own words; scores are anchored to both. */
  draft: string;
  /** Earlier prompts in this line of iterations, oldest first, so advice does not repeat itself. */
  previousAttempts?: string[];
  signal?: AbortSignal;
};

export type CritiqueOutput = { critique: Critique; usage: Usage; model: string };

export type ReviseInput = {
  prompt: string;
  draft: string;
  critique: Critique;
  /** Omitted = every issue accepted. */
  acceptedIssueIds?: string[];
  note?: string;
  signal?: AbortSignal;
};

export type ReviseOutput = { prompt: string; usage: Usage; model: string };

export interface UnderstandingEngine {
  info: EngineInfo;
  refine(input: RefineInput): AsyncGenerator<RefineEvent>;
  critique(input: CritiqueInput): Promise<CritiqueOutput>;
  revise(input: ReviseInput): Promise<ReviseOutput>;
}

/** Issues the designer kept; `undefined` means all of them. */
export function acceptedIssues({ critique, acceptedIssueIds }: Pick<ReviseInput, "critique" | "acceptedIssueIds">) {
  if (acceptedIssueIds === undefined) return critique.issues;
  const wanted = new Set(acceptedIssueIds);
  return critique.issues.filter((issue) => wanted.has(issue.id));
}
