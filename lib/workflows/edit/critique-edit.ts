import "server-only";
import { getOwnedReferences } from "@/lib/db/edit-queries";
import type { Iteration } from "@/lib/db/schema";
import { readImage } from "@/lib/storage";
import type { CritiqueInput } from "@/lib/understanding";

export type EditForCritique = Pick<CritiqueInput, "edit" | "references">;

/**
 * What the critique of an edit looks at beside the result: for a region edit the image before
 * and the painted mask (the critique checks the region and that nothing outside it changed),
 * and the moodboard's references, each judged by its role. A file gone from storage leaves that
 * part out rather than failing the critique: the render is still worth a critique.
 */
export async function editForCritique({ ownerId, iteration }: { ownerId: string; iteration: Iteration }): Promise<EditForCritique> {
  const out: EditForCritique = {};
  if (iteration.editKind === "region" && iteration.inputStorageKey && iteration.maskStorageKey) {
    const [before, mask] = await Promise.all([readImage(iteration.inputStorageKey), readImage(iteration.maskStorageKey)]);
    if (before && mask) out.edit = { before, mask };
  }
  if (iteration.moodboard.length > 0) {
    const rows = new Map((await getOwnedReferences({ ownerId, projectId: iteration.projectId, ids: iteration.moodboard.map((m) => m.referenceId) })).map((r) => [r.id, r]));
    const references = await Promise.all(
      iteration.moodboard.map(async (entry) => {
        const row = rows.get(entry.referenceId);
        const image = row ? await readImage(row.storageKey) : null;
        return row && image ? [{ image, role: entry.role, description: row.description }] : [];
      }),
    );
    if (references.flat().length > 0) out.references = references.flat();
  }
  return out;
}

/** How many images the critique sends beside the render: for the estimate the budget reserves. */
export function critiqueExtraImages(edit: EditForCritique): number {
  return (edit.edit ? 2 : 0) + (edit.references?.length ?? 0);
}
