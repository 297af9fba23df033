/**
 * Which variant of an iteration is "best" and which one the designer continues from. Pure,
 * shared by the iteration view (badge, panel) and by reviseAction (which critique to apply).
 */
type Scored = { imageId: string; result: { overall: number } };

/** The image with the highest overall critique score; ties go to the earlier variant. */
export function bestImageId(critiques: readonly Scored[]): string | null {
  let best: Scored | undefined;
  for (const c of critiques) if (!best || c.result.overall > best.result.overall) best = c;
  return best?.imageId ?? null;
}

/**
 * The variant to continue from: the one asked for, else the designer's stored choice, else the
 * best-scored — skipping any choice that is not (or no longer) a critiqued image of this iteration.
 */
export function activeCritique<T extends Scored>(input: { critiques: readonly T[]; requested?: string | null; selected?: string | null }): T | undefined {
  const { critiques } = input;
  for (const choice of [input.requested, input.selected]) {
    const found = choice ? critiques.find((c) => c.imageId === choice) : undefined;
    if (found) return found;
  }
  const best = bestImageId(critiques);
  return critiques.find((c) => c.imageId === best);
}
