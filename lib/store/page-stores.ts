import { createAutoIterateStore, type AutoIterateSeed, type AutoIterateStore } from "./auto-iterate-store";
import { createReferenceStore, type ReferenceSeed, type ReferenceStore } from "./reference-store";
import { createSteeringStore, type SteeringStore } from "./steering-store";
import { createStudioStore, type StudioState, type StudioStore } from "./studio-store";

/**
 * The client state of one studio page: made together by the page's one provider
 * (components/studio/studio-context.tsx), so nothing is shared between pages, projects or —
 * on the server — requests.
 */
export type PageStores = { studio: StudioStore; references: ReferenceStore; steering: SteeringStore; autoIterate: AutoIterateStore };

export function createPageStores({ initial, references, autoIterate }: { initial: Partial<StudioState>; references: ReferenceSeed; autoIterate?: AutoIterateSeed }): PageStores {
  return { studio: createStudioStore(initial), references: createReferenceStore(references), steering: createSteeringStore(), autoIterate: createAutoIterateStore(autoIterate) };
}
