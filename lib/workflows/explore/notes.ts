import "server-only";
import { listModelNotes, saveModelNotes } from "@/lib/db/explore-queries";
import { LoupeError } from "@/lib/errors";
import type { ModelNote, ModelNotes } from "@/lib/schemas/model-notes";
import { ownedProject } from "../owned";

/** The project's notes, one entry per provider/model, for the editor. Owner-scoped. */
export async function projectModelNotes({ ownerId, projectId }: { ownerId: string; projectId: string }): Promise<ModelNotes[]> {
  await ownedProject({ ownerId, projectId });
  return listModelNotes({ ownerId, projectId });
}

/**
 * The designer's edit. A note they changed or wrote is theirs from then on ("designer"): the
 * engines keep it as written and only add their own beside it.
 */
export async function editModelNotes({ ownerId, projectId, providerId, model, notes, edited }: ModelNotes & { ownerId: string; projectId: string; edited: readonly string[] }): Promise<ModelNotes> {
  await ownedProject({ ownerId, projectId });
  const ids = new Set<string>();
  for (const note of notes) {
    if (ids.has(note.id)) throw new LoupeError("bad_request", { message: "Two notes have the same id." });
    ids.add(note.id);
  }
  const saved: ModelNote[] = notes.map((note) => (edited.includes(note.id) ? { ...note, source: "designer" } : note));
  await saveModelNotes({ ownerId, projectId, providerId, model, notes: saved });
  return { providerId, model, notes: saved };
}
