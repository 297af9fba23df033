"use client";

import { createContext, useContext, useState } from "react";
import { useStore } from "zustand";
import { createReferenceStore, type ReferenceSeed, type ReferenceState, type ReferenceStore } from "@/lib/store/reference-store";

const ReferenceContext = createContext<ReferenceStore | null>(null);

/*
 * As with the studio store, the page the first render moves to (/ → /p/<id>) continues the store
 * that made the project rather than starting over; the server's rows are merged in. Only in the
 * browser: a module-level store on the server would be shared by every request.
 */
let lastStore: ReferenceStore | null = null;

function reuse(seed: ReferenceSeed): ReferenceStore | null {
  if (typeof window === "undefined" || !seed.projectId || lastStore?.getState().projectId !== seed.projectId) return null;
  lastStore.getState().merge(seed.references);
  return lastStore;
}

function remember(store: ReferenceStore): ReferenceStore {
  if (typeof window !== "undefined") lastStore = store;
  return store;
}

export function ReferenceProvider({ seed, children }: { seed: ReferenceSeed; children: React.ReactNode }) {
  const [store] = useState(() => reuse(seed) ?? remember(createReferenceStore(seed)));
  return <ReferenceContext.Provider value={store}>{children}</ReferenceContext.Provider>;
}

export function useReferenceStore(): ReferenceStore {
  const store = useContext(ReferenceContext);
  if (!store) throw new Error("useReferenceStore must be used inside <ReferenceProvider>");
  return store;
}

export function useReferences<T>(selector: (state: ReferenceState) => T): T {
  return useStore(useReferenceStore(), selector);
}
