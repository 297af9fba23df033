/**
 * Which variant of an iteration is "best" and which one the designer continues from. Pure,
 * shared by the iteration view (badge, panel) and by reviseAction (which critique to apply), so
 * the badge and the revision always agree.
 */
type Scored = { imageId: string; result: { overall: number } };
type Placed = { id: string; position: number };

/** Critiques in variant order (critiques are stored as they finish, in any order). */
function inVariantOrder<T extends Scored>(critiques: readonly T[], images?: readonly Placed[]): T[] {
  if (!images) return [...critiques];
  const position = new Map(images.map((i) => [i.id, i.position]));
  return [...critiques].sort((a, b) => (position.get(a.imageId) ?? Infinity) - (position.get(b.imageId) ?? Infinity));
}

/** The image with the highest overall critique score; ties go to the earlier variant. */
export function bestImageId(critiques: readonly Scored[], images?: readonly Placed[]): string | null {
  let best: Scored | undefined;
  for (const c of inVariantOrder(critiques, images)) if (!best || c.result.overall > best.result.overall) best = c;
  return best?.imageId ?? null;
}

/**
 * The variant to continue from: the one asked for, else the designer's stored choice, else the
 * best-scored — skipping any choice that is not (or no longer) a critiqued image of this iteration.
 */
export function activeCritique<T extends Scored>(input: { critiques: readonly T[]; images?: readonly Placed[]; requested?: string | null; selected?: string | null }): T | undefined {
  const { critiques } = input;
  for (const choice of [input.requested, input.selected]) {
    const found = choice ? critiques.find((c) => c.imageId === choice) : undefined;
    if (found) return found;
  }
  const best = bestImageId(critiques, input.images);
  return critiques.find((c) => c.imageId === best);
}
