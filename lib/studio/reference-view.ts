import type { ReferenceImage } from "@/lib/db/schema";
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
