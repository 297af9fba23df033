import { createStore, type StateCreator, type StoreApi } from "zustand/vanilla";
import type { PublicError } from "@/lib/errors";
import type { ExploreRoundView } from "@/lib/schemas/exploration";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import { defaultAutoSettings, type AutoOutcome, type AutoRunView, type AutoSettings, type RoundResult } from "@/lib/studio/auto-iterate";

export type { AutoOutcome };

export type AutoIterateState = {
  settings: AutoSettings;
  /** The run on screen: it runs on the server, and this store follows it through the project's events. */
  runId: string | null;
  /** Started and not yet ended (true from the press until the server says how it ended). */
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
  error: PublicError | null;
  setSettings(patch: Partial<AutoSettings>): void;
  /** The press, before the server has answered. */
  starting(): void;
  /** The run as the server reports it (the start's answer, each event, the page's first load). */
  sync(run: AutoRunView): void;
  /** A round the run finished (its event): its drafts, the pick, and the notes it left. */
  addRound(round: ExploreRoundView, notes: ModelNotes | null): void;
  setNotes(notes: ModelNotes): void;
  cancel(): void;
  /** The start was refused (a limit, a bad prompt): nothing runs. */
  failStart(error: PublicError): void;
};

export type AutoIterateStore = StoreApi<AutoIterateState>;

/**
 * What a project page starts with: its last run's stored rounds and the best that run picked
 * (lastRunOf), and that run as the server knows it, when it ran on the server.
 */
export type AutoIterateSeed = { rounds: ExploreRoundView[]; bestId: string | null; run?: AutoRunView | null };

const autoIterateState =
  (seed: AutoIterateSeed | undefined): StateCreator<AutoIterateState> =>
  (set, get) => ({
    settings: defaultAutoSettings,
    runId: null,
    running: false,
    cancelRequested: false,
    round: 0,
    results: [],
    rounds: seed ? seed.rounds.filter((r) => !seed.run || r.runId === seed.run.id) : [],
    notes: null,
    bestId: seed?.bestId ?? null,
    outcome: null,
    error: null,
    ...(seed?.run ? fromRun(seed.run) : {}),
    setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
    starting: () => set({ running: true, cancelRequested: false, round: 0, results: [], rounds: [], bestId: null, outcome: null, error: null, runId: null }),
    sync: (next) => {
      // Events of an earlier run (still arriving over the stream) never overwrite the one on screen.
      const { runId } = get();
      if (runId && runId !== next.id) return;
      set(fromRun(next));
    },
    addRound: (round, notes) => {
      const { runId, rounds } = get();
      if ((runId && round.runId !== runId) || rounds.some((r) => r.runId === round.runId && r.round === round.round)) return;
      set({ rounds: [...rounds, round].sort((a, b) => a.round - b.round), ...(notes ? { notes } : {}) });
    },
    setNotes: (notes) => set({ notes }),
    cancel: () => set({ cancelRequested: true }),
    failStart: (error) => set({ running: false, cancelRequested: false, outcome: "failed", error }),
  });

function fromRun(run: AutoRunView): Partial<AutoIterateState> {
  const running = run.status === "running";
  return {
    runId: run.id,
    settings: run.settings,
    running,
    cancelRequested: run.cancelRequested,
    round: run.round,
    results: run.results,
    bestId: running ? null : run.bestIterationId,
    outcome: run.outcome,
    error: run.error,
  };
}

/** Client-only view of the project's auto-iterate run; the run itself, and every finished round, are on the server. */
export const createAutoIterateStore = (seed?: AutoIterateSeed): AutoIterateStore => createStore<AutoIterateState>()(autoIterateState(seed));
