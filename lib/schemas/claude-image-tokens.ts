/**
 * Token arithmetic that needs no network: the image formula and text at a given characters-per-
 * token ratio. Browser-safe and engine-free, so the prompt builders, the estimate and the bench
 * all count the same way; calibrate.ts learns the ratio from the API's own counter.
 */

/** Claude scales an image down to ≤ 1568 px on the long edge and ≤ ~1.15 megapixels before it reads it. */
export const CLAUDE_IMAGE_MAX_EDGE = 1568;
export const CLAUDE_IMAGE_MAX_PIXELS = Math.round(1.15 * 1024 * 1024);

/** The size Claude reads an image at. */
export function claudeImageSize({ width, height }: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, CLAUDE_IMAGE_MAX_EDGE / Math.max(width, height), Math.sqrt(CLAUDE_IMAGE_MAX_PIXELS / (width * height)));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

/** An image costs about w·h/750 tokens at the size Claude reads it. */
export function imageTokens(size: { width: number; height: number }): number {
  const read = claudeImageSize(size);
  return Math.ceil((read.width * read.height) / 750);
}

/** The most one image can cost: what an image of unknown size is budgeted at. */
export const MAX_IMAGE_TOKENS = Math.ceil(CLAUDE_IMAGE_MAX_PIXELS / 750);

/**
 * Latin-script text runs at `charsPerToken`; every Han, kana or Hangul character is about a token
 * of its own. The default of 3 is pessimistic for English prose (the budget must not run short).
 */
export function textTokens(text: string, charsPerToken = 3): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return Math.ceil((text.length - cjk) / charsPerToken) + cjk;
}
