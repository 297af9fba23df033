import { create } from "zustand";
import type { ReferenceView } from "@/lib/schemas/reference";

type ReferenceState = {
  references: ReferenceView[];
  /** The reference the next renders use; null = none. */
  activeId: string | null;
  add(reference: ReferenceView): void;
  setActive(id: string | null): void;
};

/** Client-only: references uploaded in this studio session, and which one steers the next render. */
export const useReferenceStore = create<ReferenceState>()((set, get) => ({
  references: [],
  activeId: null,
  add: (reference) => set({ references: [...get().references.filter((r) => r.id !== reference.id), reference], activeId: reference.id }),
  setActive: (activeId) => set({ activeId }),
}));
