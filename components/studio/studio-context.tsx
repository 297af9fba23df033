"use client";

import { createContext, useContext, useState } from "react";
import { useStore } from "zustand";
import type { StudioConfig } from "@/lib/schemas/studio-config";
import type { AutoIterateSeed, AutoIterateState, AutoIterateStore } from "@/lib/store/auto-iterate-store";
import { createPageStores, type PageStores } from "@/lib/store/page-stores";
import type { ReferenceSeed, ReferenceState, ReferenceStore } from "@/lib/store/reference-store";
import type { SteeringState, SteeringStore } from "@/lib/store/steering-store";
import type { StudioActions, StudioState, StudioStore } from "@/lib/store/studio-store";

const StoresContext = createContext<PageStores | null>(null);
const ConfigContext = createContext<StudioConfig | null>(null);

/**
 * The one provider of a studio page: it owns the page's stores (studio, references, steering,
 * auto-iterate), made for this page from this request's data, and the engines' config.
 */
export function StudioProvider({
  initial,
  references,
  autoIterate,
  config,
  children,
}: {
  initial: Partial<StudioState>;
  references: ReferenceSeed;
  autoIterate?: AutoIterateSeed;
  config: StudioConfig;
  children: React.ReactNode;
}) {
  const [stores] = useState(() => reuseStores({ projectId: initial.projectId, references }) ?? remember(createPageStores({ initial, references, autoIterate })));
  return (
    <ConfigContext.Provider value={config}>
      <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>
    </ConfigContext.Provider>
  );
}

/*
 * The first render moves the URL from / to /p/<id>, and Next mounts that route afresh. The
 * stores that made the project are kept so that remount continues them — the in-flight
 * critique, the refined prompt, an auto-iterate run, the revision on screen — instead of
 * starting over; the server's references are merged in. Only in the browser: on the server this
 * module serves every request, so kept stores would render one request's project page with an
 * earlier request's state.
 */
let lastStores: PageStores | null = null;

function reuseStores({ projectId, references }: { projectId: string | null | undefined; references: ReferenceSeed }): PageStores | null {
  if (typeof window === "undefined" || !projectId || lastStores?.studio.getState().projectId !== projectId) return null;
  lastStores.references.getState().merge(references.references);
  return lastStores;
}

function remember(stores: PageStores): PageStores {
  if (typeof window !== "undefined") lastStores = stores;
  return stores;
}

function usePageStores(): PageStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error("The studio's stores are read inside <StudioProvider>");
  return stores;
}

export const useStudioStore = (): StudioStore => usePageStores().studio;
export const useReferenceStore = (): ReferenceStore => usePageStores().references;
export const useSteeringStore = (): SteeringStore => usePageStores().steering;
export const useAutoIterateStore = (): AutoIterateStore => usePageStores().autoIterate;

export function useStudio<T>(selector: (state: StudioState & StudioActions) => T): T {
  return useStore(useStudioStore(), selector);
}

export function useReferences<T>(selector: (state: ReferenceState) => T): T {
  return useStore(useReferenceStore(), selector);
}

export function useSteering<T>(selector: (state: SteeringState) => T): T {
  return useStore(useSteeringStore(), selector);
}

export function useAutoIterate<T>(selector: (state: AutoIterateState) => T): T {
  return useStore(useAutoIterateStore(), selector);
}

export function useStudioConfig(): StudioConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error("useStudioConfig must be used inside <StudioProvider>");
  return config;
}
