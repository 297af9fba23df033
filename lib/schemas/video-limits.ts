/*
 * What the video controls need in the browser, without zod: lib/schemas/video.ts builds the
 * server's schemas from the same figures and re-exports them.
 */

export const videoAspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4"] as const;
export type VideoAspectRatio = (typeof videoAspectRatios)[number];

/** The longest clip a render may ask for; providers snap to what they offer (see lib/generation). */
export const MAX_CLIP_SECONDS = 15;
