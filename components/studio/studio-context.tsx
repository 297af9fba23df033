"use client";

import { createContext, useContext, useState } from "react";
import { useStore } from "zustand";
import { createStudioStore, type StudioActions, type StudioState, type StudioStore } from "@/lib/store/studio-store";
import type { StudioConfig } from "@/lib/schemas/studio-config";

const StoreContext = createContext<StudioStore | null>(null);
const ConfigContext = createContext<StudioConfig | null>(null);

/** One store per studio page, so server-rendered state never leaks between requests. */
export function StudioProvider({
  initial,
  config,
  children,
}: {
  initial: Partial<StudioState>;
  config: StudioConfig;
  children: React.ReactNode;
}) {
  const [store] = useState(() => reuseStore(initial.projectId) ?? remember(createStudioStore(initial)));
  return (
    <ConfigContext.Provider value={config}>
      <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
    </ConfigContext.Provider>
  );
}

/*
 * The first render moves the URL from / to /p/<id>, and Next mounts that route afresh.
 * The studio that made the project is kept here so that remount continues it — the
 * in-flight critique, the refined prompt — instead of starting over from server data.
 * Only in the browser: on the server this module serves every request, so a kept store
 * would render one request's project page with an earlier request's state.
 */
let lastStore: StudioStore | null = null;

function reuseStore(projectId: string | null | undefined): StudioStore | null {
  if (typeof window === "undefined") return null;
  return projectId && lastStore?.getState().projectId === projectId ? lastStore : null;
}

function remember(store: StudioStore): StudioStore {
  if (typeof window !== "undefined") lastStore = store;
  return store;
}

export function useStudio<T>(selector: (state: StudioState & StudioActions) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useStudio must be used inside <StudioProvider>");
  return useStore(store, selector);
}

export function useStudioStore(): StudioStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useStudioStore must be used inside <StudioProvider>");
  return store;
}

export function useStudioConfig(): StudioConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error("useStudioConfig must be used inside <StudioProvider>");
  return config;
}
