/** What the browser needs to know about the engines in use; built on the server. */
export type StudioConfig = {
  understanding: {
    kind: "claude" | "offline";
    label: "Claude" | "Offline";
    refineModel: string;
    critiqueModel: string;
    /** LOUPE_CRITIQUE_THINKING=deep: each critique may think this many tokens more, at most this much more per critique. */
    deepCritique?: { budgetTokens: number; maxUsd: number };
  };
  /** `latencySeconds` and `priceUsd` are the default model's typical figures from the capability table. */
  providers: Array<{ id: string; label: string; models: string[]; defaultModel: string; local: boolean; latencySeconds: number; priceUsd: number | null }>;
  /**
   * Output "Video": the Local video renderer first, then each configured video provider, with its
   * default model's figures (clip lengths, shapes, price per second) for the controls and the
   * price shown before rendering.
   */
  videoProviders: Array<{
    id: string;
    label: string;
    model: string;
    local: boolean;
    durations: number[];
    aspectRatios: string[];
    imageToVideo: boolean;
    latencySeconds: number;
    pricePerSecondUsd: number | null;
  }>;
};
