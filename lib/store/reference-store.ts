import { createStore, type StoreApi } from "zustand/vanilla";
import type { ReferenceView } from "@/lib/schemas/reference";
import type { MoodboardEntry } from "@/lib/schemas/edit";
import { MAX_REFERENCES, type ReferenceRole } from "@/lib/schemas/moodboard";

/** A render of the project the next Generate continues from ("Use as input"). */
export type InputImage = { imageId: string; url: string; alt: string; iterationId: string };

/** What a studio page starts with: the project's references (oldest first) and the one in use. */
export type ReferenceSeed = { projectId: string | null; references: ReferenceView[]; activeId: string | null };

export type ReferenceState = ReferenceSeed & {
  /** A fresh upload joins the list and becomes the one in use; the first upload also names the project. */
  add(input: { reference: ReferenceView; projectId: string }): void;
  /** The reference the next renders use; null = none. */
  setActive(id: string | null): void;
  /** The server's list after a remount of the same project: new rows join, the designer's choice stays. */
  merge(references: ReferenceView[]): void;
  /** "Use as input": the image the next Generate continues from; null = start from the prompt alone. */
  input: InputImage | null;
  setInput(input: InputImage | null): void;
  /** The moodboard, in the order references were put on it; each lends the render what its role names. */
  moodboard: MoodboardEntry[];
  /** Puts a reference on the moodboard with a role, changes its role, or (null) takes it off; false when the board is full. */
  setRole(referenceId: string, role: ReferenceRole | null): boolean;
  /** Apply revision renders the revised prompt as an edit of the critiqued image instead of from scratch. */
  reviseAsEdit: boolean;
  setReviseAsEdit(on: boolean): void;
};

export type ReferenceStore = StoreApi<ReferenceState>;

/** Client state of one studio page's references; one store per page, so nothing leaks between projects or requests. */
export function createReferenceStore(seed: ReferenceSeed): ReferenceStore {
  return createStore<ReferenceState>()((set, get) => ({
    ...seed,
    input: null,
    moodboard: [],
    setInput: (input) => set({ input }),
    reviseAsEdit: false,
    setReviseAsEdit: (reviseAsEdit) => set({ reviseAsEdit }),
    setRole: (referenceId, role) => {
      const board = get().moodboard;
      const on = board.some((m) => m.referenceId === referenceId);
      if (role === null) return set({ moodboard: board.filter((m) => m.referenceId !== referenceId) }), true;
      if (on) return set({ moodboard: board.map((m) => (m.referenceId === referenceId ? { referenceId, role } : m)) }), true;
      if (board.length >= MAX_REFERENCES) return false;
      set({ moodboard: [...board, { referenceId, role }] });
      return true;
    },
    add: ({ reference, projectId }) => set({ projectId, references: [...get().references.filter((r) => r.id !== reference.id), reference], activeId: reference.id }),
    setActive: (activeId) => set({ activeId }),
    merge: (references) => {
      const known = new Set(get().references.map((r) => r.id));
      const fresh = references.filter((r) => !known.has(r.id));
      if (fresh.length > 0) set({ references: [...get().references, ...fresh] });
    },
  }));
}
