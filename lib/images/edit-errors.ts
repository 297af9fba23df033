import "server-only";
import { LoupeError, type ErrorCode } from "@/lib/errors";
import { MAX_REFERENCES } from "@/lib/schemas/edit";

/**
 * What can be wrong with an edit's inputs (the image, the painted mask, the moodboard), for
 * both pipelines: generation checks them before any provider is called, understanding before
 * an edit is critiqued. Each reason maps to an existing public error code, so the browser needs
 * no new one, with a sentence that says what was wrong and what to do.
 */
export type EditProblem =
  | { reason: "empty_mask" }
  | { reason: "full_mask"; share: number }
  | { reason: "mask_size_mismatch"; mask: { width: number; height: number }; image: { width: number; height: number } }
  | { reason: "mask_without_image" }
  | { reason: "too_many_references"; count: number }
  | { reason: "unsupported_format"; what: string; found: string | null; accepted: string }
  | { reason: "unreadable"; what: string }
  /** An explicitly chosen provider cannot take what the render carries; `able` names those that can. */
  | { reason: "cannot_edit"; who: string; missing: string; able: string[] };

export type EditProblemReason = EditProblem["reason"];

const codeFor: Record<EditProblemReason, ErrorCode> = {
  empty_mask: "bad_request",
  full_mask: "bad_request",
  mask_size_mismatch: "bad_request",
  mask_without_image: "bad_request",
  too_many_references: "bad_request",
  unsupported_format: "unsupported_media",
  unreadable: "unsupported_media",
  cannot_edit: "bad_request",
};

const size = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function messageOf(problem: EditProblem): string {
  switch (problem.reason) {
    case "empty_mask":
      return "The painted region is empty: paint over the part of the image that should change.";
    case "full_mask":
      return `The painted region covers ${Math.round(problem.share * 100)}% of the image. To change all of it, use the image as input without painting a region.`;
    case "mask_size_mismatch":
      return `The mask is ${size(problem.mask)} but the image is ${size(problem.image)}: a mask must have the image's shape. Paint it again on this image.`;
    case "mask_without_image":
      return "A painted region needs the image it was painted on.";
    case "too_many_references":
      return `A moodboard holds at most ${MAX_REFERENCES} references; this one has ${problem.count}. Remove ${problem.count - MAX_REFERENCES} of them.`;
    case "unsupported_format":
      return `${capitalised(problem.what)} is ${problem.found ? `a ${problem.found} file` : "not an image Loupe can read"}. Use ${problem.accepted}.`;
    case "unreadable":
      return `${capitalised(problem.what)} could not be read: the file is damaged or cut short.`;
    case "cannot_edit": {
      const able = problem.able.length > 0 ? ` Choose Auto, or one that can: ${problem.able.join(", ")}.` : " Choose Auto or the Local renderer.";
      return `${problem.who} ${problem.missing}.${able}`;
    }
  }
}

/** A LoupeError that also says which edit problem it is, for callers and tests that branch on it. */
export class EditError extends LoupeError {
  readonly problem: EditProblem;

  constructor(problem: EditProblem, options: { cause?: unknown } = {}) {
    super(codeFor[problem.reason], { message: messageOf(problem), cause: options.cause });
    this.name = "EditError";
    this.problem = problem;
  }

  get reason(): EditProblemReason {
    return this.problem.reason;
  }
}
