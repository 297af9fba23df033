"use server";

import type { Result } from "@/lib/errors";
import { ensureOwnerId } from "@/lib/auth/owner";
import { toResultWithin } from "@/lib/server/deadline";
import { projectNotesRequestSchema, saveModelNotesRequestSchema, type SaveModelNotesRequest } from "@/lib/schemas/explore-requests";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import { parseInput } from "@/lib/schemas/parse";
import { editModelNotes, projectModelNotes } from "@/lib/workflows/explore/notes";

/*
 * Auto-iterate's model notes: thin actions over lib/workflows/explore. The rounds run on the
 * server as jobs (app/(studio)/auto-actions.ts starts them).
 */

export async function modelNotesAction(raw: { projectId: string }): Promise<Result<ModelNotes[]>> {
  return toResultWithin(async () => projectModelNotes({ ...parseInput(projectNotesRequestSchema, raw), ownerId: await ensureOwnerId() }));
}

export async function saveModelNotesAction(raw: SaveModelNotesRequest): Promise<Result<ModelNotes>> {
  return toResultWithin(async () => editModelNotes({ ...parseInput(saveModelNotesRequestSchema, raw), ownerId: await ensureOwnerId() }));
}
