import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";

/** The designer's decisions on one critique: which points to drop, how they reworded the rest, and a note. */
export type Steering = { rejected: string[]; edits: Record<string, string>; note: string };

/** A revised prompt waiting for the designer: shown as a diff against `before`, editable, rendered only on confirm. */
export type RevisionPreview = { iterationId: string; before: string; prompt: string };

export const emptySteering: Steering = { rejected: [], edits: {}, note: "" };

export type SteeringState = {
  /** By iteration id, so switching versions in History keeps each critique's decisions. */
  byIteration: Record<string, Steering>;
  preview: RevisionPreview | null;
  update(iterationId: string, patch: Partial<Steering>): void;
  toggleRejected(iterationId: string, issueId: string): void;
  setPreview(preview: RevisionPreview | null): void;
};

export type SteeringStore = StoreApi<SteeringState>;

const steeringState: StateCreator<SteeringState> = (set, get) => ({
  byIteration: {},
  preview: null,
  update: (iterationId, patch) => {
    const current = get().byIteration[iterationId] ?? emptySteering;
    set({ byIteration: { ...get().byIteration, [iterationId]: { ...current, ...patch } } });
  },
  toggleRejected: (iterationId, issueId) => {
    const { rejected } = get().byIteration[iterationId] ?? emptySteering;
    const next = rejected.includes(issueId) ? rejected.filter((id) => id !== issueId) : [...rejected, issueId];
    get().update(iterationId, { rejected: next });
  },
  setPreview: (preview) => set({ preview }),
});

/**
 * Client-only, beside the studio store: these are drafts of a decision, not studio state the
 * server renders. The keyboard shortcut and the critique panel read the page's one copy.
 */
export const createSteeringStore = (): SteeringStore => createStore<SteeringState>()(steeringState);

/** What reviseAction needs from the decisions: omitted fields mean "as the critique wrote it". */
export function revisionRequest({ steering, issueIds }: { steering: Steering; issueIds: string[] }) {
  const rejected = new Set(steering.rejected);
  const edits = Object.fromEntries(Object.entries(steering.edits).filter(([id, text]) => issueIds.includes(id) && !rejected.has(id) && text.trim()));
  const note = steering.note.trim();
  return {
    ...(rejected.size > 0 ? { acceptedIssueIds: issueIds.filter((id) => !rejected.has(id)) } : {}),
    ...(Object.keys(edits).length > 0 ? { editedFixes: edits } : {}),
    ...(note ? { note } : {}),
  };
}
