/*
 * What the Describe dialog may send, without zod: the browser checks these for an instant message,
 * and lib/schemas/image-thread.ts builds the server's schemas from the same figures.
 */

export const MAX_QUESTION_LENGTH = 2000;
/** An upload to describe: plenty for a photographed brief or a screenshot, small enough to read quickly. */
export const MAX_DESCRIBE_BYTES = 10 * 1024 * 1024;
export const DESCRIBE_MEDIA_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;
/** A clip to describe (MP4, WebM or MOV): streamed to disk on the server, never buffered. */
export const MAX_DESCRIBE_VIDEO_BYTES = 200 * 1024 * 1024;
export const DESCRIBE_VIDEO_TYPES = ["video/mp4", "video/webm", "video/quicktime"] as const;

/** Checked in the browser for an instant message, and again by the route with the same rule. */
export function questionProblem(question: string): "empty" | "too_long" | null {
  const text = question.trim();
  if (!text) return "empty";
  return text.length > MAX_QUESTION_LENGTH ? "too_long" : null;
}
