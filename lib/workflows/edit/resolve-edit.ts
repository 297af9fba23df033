import "server-only";
import { getOwnedImage, getOwnedReferences } from "@/lib/db/edit-queries";
import type { NewIteration } from "@/lib/db/schema";
import { LoupeError } from "@/lib/errors";
import { needsOf, type EditNeeds, type RenderEdit } from "@/lib/generation";
import { EditError } from "@/lib/images/edit-errors";
import { carriesEdit, MAX_REFERENCES, type EditRequest, type MoodboardEntry } from "@/lib/schemas/edit";
import { readImage } from "@/lib/storage";
import { describeMoodboard } from "@/lib/understanding";

/** What an edit puts on the iteration's row. */
export type EditRow = Pick<NewIteration, "editKind" | "inputImageId" | "inputStorageKey" | "maskStorageKey" | "moodboard">;

/** `parentId`: the iteration of the image used as input, which the edit is a child of. */
export type ResolvedEdit = { render: RenderEdit; row: EditRow; parentId: string | null };

export const noEdit: EditRow = { editKind: null, inputImageId: null, inputStorageKey: null, maskStorageKey: null, moodboard: [] };

const notFound = (what: string) => new LoupeError("not_found", { message: `${what} was not found.` });

async function bytesOf(key: string, missing: string): Promise<Uint8Array> {
  const stored = await readImage(key);
  if (!stored) throw new LoupeError("not_found", { message: missing });
  return stored.bytes;
}

/** The moodboard's references, in the designer's order, each owned and of this project, with their bytes and words. */
async function moodboardOf({ ownerId, projectId, moodboard }: { ownerId: string; projectId: string; moodboard: MoodboardEntry[] }) {
  if (moodboard.length > MAX_REFERENCES) throw new EditError({ reason: "too_many_references", count: moodboard.length });
  const ids = [...new Set(moodboard.map((m) => m.referenceId))];
  if (ids.length !== moodboard.length) throw new LoupeError("bad_request", { message: "Each reference can be on the moodboard once." });
  const rows = new Map((await getOwnedReferences({ ownerId, projectId, ids })).map((r) => [r.id, r]));
  const references = await Promise.all(
    moodboard.map(async (entry) => {
      const row = rows.get(entry.referenceId);
      if (!row) throw notFound("A moodboard reference");
      return { row, role: entry.role, bytes: await bytesOf(row.storageKey, "A moodboard reference's file is missing; upload it again or take it off the moodboard.") };
    }),
  );
  // Models that take fewer images than the moodboard holds get it in words (lib/generation/edit/send.ts).
  const words = describeMoodboard({ references: references.map((r) => ({ role: r.role, description: r.row.description })) });
  return { references: references.map(({ bytes, role }) => ({ bytes, role })), words };
}

/**
 * The edit a Generate request carries, checked before anything is made: the input must be a
 * render of this owner's project, the moodboard the project's references; their bytes are read
 * now so a missing file fails the request instead of leaving a row generating. The mask's shape
 * and coverage are checked again by the render (prepareEdit) against the input's bytes.
 */
export async function resolveEdit({ ownerId, projectId, edit }: { ownerId: string; projectId: string | null; edit: EditRequest | null | undefined }): Promise<ResolvedEdit | null> {
  if (!carriesEdit(edit)) return null;
  // A new project has no renders or references yet: whatever was named belongs to someone else.
  if (!projectId) throw notFound(edit.inputImageId ? "That image" : "A moodboard reference");
  const render: RenderEdit = {};
  const row: EditRow = { ...noEdit };
  let parentId: string | null = null;
  if (edit.inputImageId) {
    const image = await getOwnedImage({ ownerId, imageId: edit.inputImageId });
    if (!image || image.projectId !== projectId) throw notFound("That image");
    render.image = await bytesOf(image.storageKey, "The image to edit is missing from storage.");
    parentId = image.iterationId;
    Object.assign(row, { editKind: edit.maskKey ? "region" : "input", inputImageId: image.id, inputStorageKey: image.storageKey });
  }
  if (edit.maskKey) {
    render.mask = await bytesOf(edit.maskKey, "The painted region was not found: paint it again.");
    row.maskStorageKey = edit.maskKey;
  }
  if (edit.moodboard?.length) {
    const board = await moodboardOf({ ownerId, projectId, moodboard: edit.moodboard });
    Object.assign(render, { references: board.references, referenceWords: board.words });
    row.moodboard = edit.moodboard;
  }
  return { render, row, parentId };
}

/** What the edit asks of a model, from the request alone (before any file is read): for routing and the price. */
export function editNeeds(edit: EditRequest | null | undefined): EditNeeds | undefined {
  if (!carriesEdit(edit)) return undefined;
  // A moodboard always has its words: every reference was described when it was uploaded.
  return needsOf({ image: edit.inputImageId, mask: edit.maskKey, references: edit.moodboard, referenceWords: edit.moodboard?.length ? "described" : undefined });
}
