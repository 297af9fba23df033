"use client";

import { createContext, useContext, useState } from "react";
import { useStore } from "zustand";
import { createStudioStore, type StudioActions, type StudioState, type StudioStore } from "@/lib/store/studio-store";
import type { StudioConfig } from "./studio-config";

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
  const [store] = useState(() => createStudioStore(initial));
  return (
    <ConfigContext.Provider value={config}>
      <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
    </ConfigContext.Provider>
  );
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
