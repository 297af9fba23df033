import { createStore } from "zustand/vanilla";
import type { PublicError } from "@/lib/errors";
import type { Usage } from "@/lib/schemas/critique";
import type { IterationView, MediaKind } from "@/lib/schemas/iteration";
import type { VideoParams } from "@/lib/schemas/video";
import type { GenerationParams } from "@/lib/schemas/params";
import type { GenerateRequest, GenerateVideoRequest } from "@/lib/schemas/studio-requests";

/** What the studio is doing right now; drives the progress indicator and disables buttons. */
export type Stage = "idle" | "refining" | "revising" | "generating" | "critiquing";

export type StudioState = {
  projectId: string | null;
  projectName: string | null;
  iterations: IterationView[];
  currentId: string | null;
  draft: string;
  refinedPrompt: string;
  /** The server's record of the refine that wrote the refined prompt; the next render names it, so its cost joins that iteration. */
  refineId: string | null;
  params: GenerationParams;
  /** The Output radiogroup: stills, or one clip made with `videoParams`. */
  output: MediaKind;
  videoParams: VideoParams;
  stage: Stage;
  stageStartedAt: number | null;
  /** A failure that belongs to the prompt editor (empty prompt, failed refine or render). */
  formError: PublicError | null;
  /** The sentence read out by the aria-live status region. */
  announcement: string;
  /** Idempotency key of the render in flight, which Cancel names to the server. */
  renderKey: string | null;
  /**
   * The exact request of a render whose result was not seen or that failed. Retry resends it
   * with the same idempotency key, so the server answers with the first result or renders once
   * more on the same row — never twice in parallel. Cleared once a render's result is seen.
   */
  retryRender: { input: GenerateRequest | GenerateVideoRequest; alsoTried?: string[] } | null;
};

export type StudioActions = {
  setDraft(draft: string): void;
  setRefinedPrompt(prompt: string): void;
  appendRefined(text: string): void;
  setRefineId(refineId: string | null): void;
  setParams(patch: Partial<GenerationParams>): void;
  setOutput(output: MediaKind): void;
  setVideoParams(patch: Partial<VideoParams>): void;
  setStage(stage: Stage): void;
  setFormError(error: PublicError | null): void;
  announce(message: string): void;
  setProject(project: { id: string; name: string }): void;
  upsertIteration(iteration: IterationView): void;
  /**
   * An iteration as the project's event stream reports it (work on the server, perhaps started
   * in another tab): a new one becomes current, a known one is updated in place, and a report
   * older than what the studio already shows (events and answers race) is ignored.
   */
  mergeIteration(iteration: IterationView): void;
  select(iterationId: string): void;
  setRenderKey(key: string | null): void;
  setRetryRender(retry: StudioState["retryRender"]): void;
  /** A revision written for an iteration's critique is paid for on that iteration, whether or not it is rendered. */
  addReviseSpend(input: { iterationId: string; costUsd: number; usage: Usage }): void;
};

export const defaultParams: GenerationParams = { providerId: "local", aspectRatio: "1:1", n: 1 };
export const defaultVideoParams: VideoParams = { providerId: "local", aspectRatio: "16:9", durationSeconds: 5 };

export const createStudioStore = (initial: Partial<StudioState> = {}) =>
  createStore<StudioState & StudioActions>()((set, get) => ({
    projectId: null,
    projectName: null,
    iterations: [],
    currentId: null,
    draft: "",
    refinedPrompt: "",
    refineId: null,
    params: defaultParams,
    output: "image",
    videoParams: defaultVideoParams,
    stage: "idle",
    stageStartedAt: null,
    formError: null,
    announcement: "",
    renderKey: null,
    retryRender: null,
    ...initial,

    setDraft: (draft) => set({ draft, formError: null }),
    setRefinedPrompt: (refinedPrompt) => set({ refinedPrompt, formError: null }),
    appendRefined: (text) => set({ refinedPrompt: get().refinedPrompt + text }),
    setRefineId: (refineId) => set({ refineId }),
    setParams: (patch) => set({ params: { ...get().params, ...patch } }),
    setOutput: (output) => set({ output }),
    setVideoParams: (patch) => set({ videoParams: { ...get().videoParams, ...patch } }),
    setStage: (stage) => set({ stage, stageStartedAt: stage === "idle" ? null : Date.now() }),
    setFormError: (formError) => set({ formError }),
    announce: (announcement) => set({ announcement }),
    setRenderKey: (renderKey) => set({ renderKey }),
    setRetryRender: (retryRender) => set({ retryRender }),
    addReviseSpend: ({ iterationId, costUsd, usage }) =>
      set({
        iterations: get().iterations.map((i) => (i.id === iterationId ? { ...i, cost: withReviseSpend({ cost: i.cost, costUsd, usage }) } : i)),
      }),
    setProject: ({ id, name }) => set({ projectId: id, projectName: name }),
    upsertIteration: (iteration) => {
      const others = get().iterations.filter((i) => i.id !== iteration.id);
      set({ iterations: [...others, iteration].sort(byCreatedAt), currentId: iteration.id });
    },
    mergeIteration: (iteration) => {
      const known = get().iterations.find((i) => i.id === iteration.id);
      if (!known) return get().upsertIteration(iteration);
      if (progressOf(iteration) < progressOf(known)) return;
      set({ iterations: get().iterations.map((i) => (i.id === iteration.id ? iteration : i)) });
    },
    select: (iterationId) => {
      const iteration = get().iterations.find((i) => i.id === iterationId);
      if (!iteration) return;
      // Restoring an iteration restores everything that made it, so the next render branches from it.
      set({
        currentId: iteration.id,
        draft: iteration.draft,
        refinedPrompt: iteration.renderedPrompt,
        params: iteration.mediaKind === "video" ? get().params : iteration.params,
        output: iteration.mediaKind,
        videoParams: iteration.videoParams ?? get().videoParams,
        formError: null,
      });
    },
  }));

function withReviseSpend({ cost, costUsd, usage }: { cost: IterationView["cost"]; costUsd: number; usage: Usage }): IterationView["cost"] {
  // Millionths, as the server sums them, so many small calls add up exactly.
  const add = (a: number, b: number) => Math.round((a + b) * 1_000_000) / 1_000_000;
  return {
    ...cost,
    reviseUsd: add(cost.reviseUsd, costUsd),
    totalUsd: add(cost.totalUsd, costUsd),
    tokens: {
      inputTokens: cost.tokens.inputTokens + usage.inputTokens,
      outputTokens: cost.tokens.outputTokens + usage.outputTokens,
      cachedTokens: cost.tokens.cachedTokens + usage.cachedTokens,
    },
  };
}

function byCreatedAt(a: IterationView, b: IterationView): number {
  return a.createdAt.localeCompare(b.createdAt);
}

export type StudioStore = ReturnType<typeof createStudioStore>;

const STATUS_ORDER: Record<IterationView["status"], number> = { pending: 0, generating: 1, critiquing: 2, done: 3, failed: 3 };

/** How far an iteration has got: its stage, then how many images and critiques it holds. */
function progressOf(iteration: IterationView): number {
  return STATUS_ORDER[iteration.status] * 10_000 + iteration.images.length * 100 + iteration.critiques.length;
}
