import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";
import type { PublicError } from "@/lib/errors";
import type { Usage } from "@/lib/schemas/critique";

/** The designer's decisions on one critique: which points to drop, how they reworded the rest, and a note. */
export type Steering = { rejected: string[]; edits: Record<string, string>; note: string };

/**
 * The prompt "Apply revision" renders, shown with its diff before the click. It follows the
 * designer's decisions (`basis` is the revise request it was written from, "" for the critique's
 * own revision) until they rewrite it by hand; a hand edit is theirs and is never overwritten.
 */
export type RevisionDraft = {
  iterationId: string;
  /** The variant whose critique it was written from. */
  imageId: string;
  basis: string;
  prompt: string;
  status: "ready" | "writing" | "failed";
  /** What writing it cost; null when no call was needed (the critique's own revision, or nothing kept). */
  spend: { costUsd: number; usage: Usage } | null;
  error: PublicError | null;
  handEdited: boolean;
};

export const emptySteering: Steering = { rejected: [], edits: {}, note: "" };

export type SteeringState = {
  /** By iteration id, so switching versions in History keeps each critique's decisions. */
  byIteration: Record<string, Steering>;
  revisions: Record<string, RevisionDraft>;
  update(iterationId: string, patch: Partial<Steering>): void;
  toggleRejected(iterationId: string, issueId: string): void;
  setRevision(draft: RevisionDraft): void;
  /** The designer's own wording of the revised prompt. */
  editRevision(iterationId: string, prompt: string): void;
};

export type SteeringStore = StoreApi<SteeringState>;

const steeringState: StateCreator<SteeringState> = (set, get) => ({
  byIteration: {},
  revisions: {},
  update: (iterationId, patch) => {
    const current = get().byIteration[iterationId] ?? emptySteering;
    set({ byIteration: { ...get().byIteration, [iterationId]: { ...current, ...patch } } });
  },
  toggleRejected: (iterationId, issueId) => {
    const { rejected } = get().byIteration[iterationId] ?? emptySteering;
    const next = rejected.includes(issueId) ? rejected.filter((id) => id !== issueId) : [...rejected, issueId];
    get().update(iterationId, { rejected: next });
  },
  setRevision: (draft) => set({ revisions: { ...get().revisions, [draft.iterationId]: draft } }),
  editRevision: (iterationId, prompt) => {
    const draft = get().revisions[iterationId];
    if (draft) get().setRevision({ ...draft, prompt, handEdited: true, status: "ready", error: null });
  },
});

/**
 * Client-only, beside the studio store: these are drafts of a decision, not studio state the
 * server renders. The keyboard shortcut and the critique panel read the page's one copy.
 */
export const createSteeringStore = (): SteeringStore => createStore<SteeringState>()(steeringState);

export type RevisionRequest = ReturnType<typeof revisionRequest>;

/** What reviseAction needs from the decisions: omitted fields mean "as the critique wrote it". */
export function revisionRequest({ steering, issueIds }: { steering: Steering; issueIds: string[] }) {
  const rejected = new Set(steering.rejected);
  const edits = Object.fromEntries(Object.entries(steering.edits).filter(([id, text]) => issueIds.includes(id) && !rejected.has(id) && text.trim()));
  const note = steering.note.trim();
  const rejectedHere = issueIds.filter((id) => rejected.has(id));
  return {
    ...(rejectedHere.length > 0 ? { acceptedIssueIds: issueIds.filter((id) => !rejected.has(id)) } : {}),
    ...(Object.keys(edits).length > 0 ? { editedFixes: edits } : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * The revision that needs no call: every fix kept as written and no note is the critique's own
 * revised prompt; nothing kept and no note leaves the prompt as it is. Undefined = ask for one.
 */
export function revisionWithoutCall({ request, revisedPrompt, currentPrompt }: { request: RevisionRequest; revisedPrompt: string; currentPrompt: string }): string | undefined {
  if (request.note || request.editedFixes) return undefined;
  if (!request.acceptedIssueIds) return revisedPrompt;
  return request.acceptedIssueIds.length === 0 ? currentPrompt : undefined;
}
