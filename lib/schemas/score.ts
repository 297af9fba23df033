/** Score facts the browser needs, without zod, so client bundles that show scores stay small. */
export const aspectKeys = ["promptAdherence", "composition", "typography", "colorLighting", "artifacts"] as const;
export type AspectKey = (typeof aspectKeys)[number];

/** Scores read as one decimal everywhere: "7.4". */
export function formatScore(score: number): string {
  return (Math.round(score * 10) / 10).toFixed(1);
}
