import "server-only";
import { getModelNotes } from "@/lib/db/explore-queries";
import { getProject } from "@/lib/db/queries";
import { listProviders, promptStyleFor } from "@/lib/generation";
import type { TargetModel } from "@/lib/understanding";

/**
 * What a prompt-writing call knows about the model that will render: its prompt style from the
 * capability table, and the project's notes on it. An empty model is the provider's default; an
 * unknown or foreign project simply has no notes.
 */
export async function writingTarget({ ownerId, projectId, providerId, model }: { ownerId: string; projectId?: string | null; providerId?: string; model?: string }): Promise<TargetModel> {
  if (!providerId) return {};
  const resolved = model || listProviders().find((p) => p.id === providerId)?.defaultModel || "";
  const style = promptStyleFor({ providerId, model: resolved });
  if (!projectId || !resolved || !(await getProject({ ownerId, projectId }))) return { style };
  const notes = await getModelNotes({ ownerId, projectId, providerId, model: resolved });
  return notes.length > 0 ? { style, notes: { providerId, model: resolved, notes } } : { style };
}
