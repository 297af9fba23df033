import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";
import type { ExploreRoundView } from "@/lib/schemas/exploration";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import { defaultAutoSettings, type AutoSettings, type RoundResult, type StopReason } from "@/lib/studio/auto-iterate";

export type AutoOutcome = StopReason | "cancelled" | "failed" | "converged";

export type AutoIterateState = {
  settings: AutoSettings;
  running: boolean;
  cancelRequested: boolean;
  /** The round in progress (1-based); 0 before the first. */
  round: number;
  results: RoundResult[];
  /** Each finished round's drafts and comparative pick, in order. */
  rounds: ExploreRoundView[];
  /** The notes on the rendering model as the last round left them (the next round writes with them). */
  notes: ModelNotes | null;
  /** The iteration the last run selected as its best; marked in the critique panel. */
  bestId: string | null;
  outcome: AutoOutcome | null;
  error: string | null;
  setSettings(patch: Partial<AutoSettings>): void;
  start(results: RoundResult[]): void;
  beginRound(round: number): void;
  addResult(result: RoundResult): void;
  addRound(round: ExploreRoundView, notes: ModelNotes): void;
  setNotes(notes: ModelNotes): void;
  cancel(): void;
  finish(result: { outcome: AutoOutcome; bestId: string | null; error?: string }): void;
};

export type AutoIterateStore = StoreApi<AutoIterateState>;

const autoIterateState: StateCreator<AutoIterateState> = (set, get) => ({
  settings: defaultAutoSettings,
  running: false,
  cancelRequested: false,
  round: 0,
  results: [],
  rounds: [],
  notes: null,
  bestId: null,
  outcome: null,
  error: null,
  setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
  start: (results) => set({ running: true, cancelRequested: false, round: 0, results, rounds: [], bestId: null, outcome: null, error: null }),
  beginRound: (round) => set({ round }),
  addResult: (result) => set({ results: [...get().results, result] }),
  addRound: (round, notes) => set({ rounds: [...get().rounds, round], notes }),
  setNotes: (notes) => set({ notes }),
  cancel: () => set({ cancelRequested: true }),
  finish: ({ outcome, bestId, error }) => set({ running: false, cancelRequested: false, outcome, bestId, error: error ?? null }),
});

/** What a project page starts with: its last run's stored rounds, and the best that run picked. */
export type AutoIterateSeed = { rounds: ExploreRoundView[]; bestId: string | null };

/** Progress of an auto-iterate run; every finished round is also a saved iteration, and the last run's rounds come back with the page. */
export const createAutoIterateStore = (seed?: AutoIterateSeed): AutoIterateStore =>
  createStore<AutoIterateState>()((set, get, api) => ({ ...autoIterateState(set, get, api), ...seed }));
