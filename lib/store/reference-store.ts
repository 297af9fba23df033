import { createStore, type StoreApi } from "zustand/vanilla";
import type { ReferenceView } from "@/lib/schemas/reference";

/** What a studio page starts with: the project's references (oldest first) and the one in use. */
export type ReferenceSeed = { projectId: string | null; references: ReferenceView[]; activeId: string | null };

export type ReferenceState = ReferenceSeed & {
  /** A fresh upload joins the list and becomes the one in use; the first upload also names the project. */
  add(input: { reference: ReferenceView; projectId: string }): void;
  /** The reference the next renders use; null = none. */
  setActive(id: string | null): void;
  /** The server's list after a remount of the same project: new rows join, the designer's choice stays. */
  merge(references: ReferenceView[]): void;
};

export type ReferenceStore = StoreApi<ReferenceState>;

/** Client state of one studio page's references; one store per page, so nothing leaks between projects or requests. */
export function createReferenceStore(seed: ReferenceSeed): ReferenceStore {
  return createStore<ReferenceState>()((set, get) => ({
    ...seed,
    add: ({ reference, projectId }) => set({ projectId, references: [...get().references.filter((r) => r.id !== reference.id), reference], activeId: reference.id }),
    setActive: (activeId) => set({ activeId }),
    merge: (references) => {
      const known = new Set(get().references.map((r) => r.id));
      const fresh = references.filter((r) => !known.has(r.id));
      if (fresh.length > 0) set({ references: [...get().references, ...fresh] });
    },
  }));
}
