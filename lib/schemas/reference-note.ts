// Without zod: the studio's results list reads it.

/**
 * How a reference reached the provider ("reference sent as an image to …", "… as words to …",
 * written by lib/generation/reference.ts) is a fact about the render, not a warning like the
 * iteration's other notes; one left out for length is a warning and does not match.
 */
export function isReferenceRouteNote(note: string): boolean {
  return /^reference sent as (an image|words) to /.test(note);
}
