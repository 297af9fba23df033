/** One piece of work in flight, as the header's running-work indicator lists it. */
export type RunningWork = {
  id: string;
  kind: "render" | "critique" | "auto-round" | "video-render" | "reference-description";
  projectId: string | null;
  projectName: string | null;
  /** Queued or waiting for a retry, not yet running. */
  waiting: boolean;
  since: string;
};
