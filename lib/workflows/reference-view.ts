import "server-only";
import type { ReferenceImage } from "@/lib/db/schema";
import type { IterationView } from "@/lib/schemas/iteration";
import type { ReferenceView } from "@/lib/schemas/reference";
import { imageUrl } from "./iteration-view";

export function toReferenceView(row: ReferenceImage): ReferenceView {
  return {
    id: row.id,
    url: imageUrl(row.storageKey),
    width: row.width,
    height: row.height,
    description: row.description,
    engine: row.engine,
    model: row.model,
    costUsd: row.costUsd,
  };
}

/**
 * Which reference a reloaded studio has in use, as it was before the reload: an upload is put in
 * use at once, so the newest one counts if nothing was rendered since; otherwise the one the
 * latest render used, or none if it went without. References come oldest first.
 */
export function activeReferenceId(input: { references: Array<Pick<ReferenceImage, "id" | "createdAt">>; latest: Pick<IterationView, "referenceId" | "createdAt"> | undefined }): string | null {
  const { references, latest } = input;
  const newest = references.at(-1);
  if (newest && (!latest || newest.createdAt.getTime() > Date.parse(latest.createdAt))) return newest.id;
  return references.find((r) => r.id === latest?.referenceId)?.id ?? null;
}
