import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";
import { defaultAutoSettings, type AutoSettings, type RoundResult, type StopReason } from "@/lib/studio/auto-iterate";

export type AutoOutcome = StopReason | "cancelled" | "failed" | "converged";

export type AutoIterateState = {
  settings: AutoSettings;
  running: boolean;
  cancelRequested: boolean;
  /** The round in progress (1-based); 0 before the first. */
  round: number;
  results: RoundResult[];
  /** The iteration the last run selected as its best; marked in the critique panel. */
  bestId: string | null;
  outcome: AutoOutcome | null;
  error: string | null;
  setSettings(patch: Partial<AutoSettings>): void;
  start(results: RoundResult[]): void;
  beginRound(round: number): void;
  addResult(result: RoundResult): void;
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
  bestId: null,
  outcome: null,
  error: null,
  setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
  start: (results) => set({ running: true, cancelRequested: false, round: 0, results, bestId: null, outcome: null, error: null }),
  beginRound: (round) => set({ round }),
  addResult: (result) => set({ results: [...get().results, result] }),
  cancel: () => set({ cancelRequested: true }),
  finish: ({ outcome, bestId, error }) => set({ running: false, cancelRequested: false, outcome, bestId, error: error ?? null }),
});

/** Client-only progress of an auto-iterate run; every finished round is also a saved iteration. */
export const createAutoIterateStore = (): AutoIterateStore => createStore<AutoIterateState>()(autoIterateState);
