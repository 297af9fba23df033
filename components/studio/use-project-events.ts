"use client";

import { useEffect, useRef } from "react";
import { finishRun } from "@/components/critique/use-auto-iterate";
import { useLocale, useT } from "@/lib/i18n/client";
import type { ExploreRoundView } from "@/lib/schemas/exploration";
import type { IterationView } from "@/lib/schemas/iteration";
import type { ModelNotes } from "@/lib/schemas/model-notes";
import type { AutoRunView } from "@/lib/studio/auto-iterate";
import { useAutoIterateStore, useStudio, useStudioStore } from "./studio-context";

/**
 * Follows the project's event stream (/api/projects/<id>/events): work running on the server —
 * an auto-iterate round, a render started in another tab, a critique that outlived a reload —
 * shows up here as it happens. `after` is the last event the page's server render already
 * included; a reconnect resumes from the last event received (Last-Event-ID).
 */
export function useProjectEvents({ after }: { after: number }) {
  const studio = useStudioStore();
  const autoIterate = useAutoIterateStore();
  const projectId = useStudio((s) => s.projectId);
  const t = useT();
  const locale = useLocale();
  const words = useRef({ t, locale });
  useEffect(() => {
    words.current = { t, locale };
  }, [t, locale]);
  // Only the first project of this page was rendered by the server; one made here is followed from its start.
  const firstProject = useRef(projectId);

  useEffect(() => {
    if (!projectId || typeof EventSource === "undefined") return;
    const from = projectId === firstProject.current ? after : 0;
    const source = new EventSource(`/api/projects/${projectId}/events?after=${from}`);
    // A run already going when the page opened keeps the studio busy until it ends.
    if (autoIterate.getState().running && studio.getState().stage === "idle") studio.getState().setStage("generating");

    source.addEventListener("iteration", (event) => {
      const view = JSON.parse((event as MessageEvent<string>).data) as IterationView;
      if (view.projectId !== projectId) return;
      studio.getState().mergeIteration(view);
      if (autoIterate.getState().running) studio.getState().setStage(view.status === "critiquing" ? "critiquing" : "generating");
    });
    source.addEventListener("auto-run", (event) => {
      const run = JSON.parse((event as MessageEvent<string>).data) as AutoRunView;
      const before = autoIterate.getState();
      autoIterate.getState().sync(run);
      const after = autoIterate.getState();
      if (after.runId !== run.id) return;
      if (after.running && after.round > before.round) studio.getState().announce(words.current.t("auto.announceRound", { round: after.round, rounds: run.settings.rounds }));
      if (before.running && !after.running) finishRun({ studio, run, ...words.current });
    });
    source.addEventListener("auto-round", (event) => {
      const { round, notes } = JSON.parse((event as MessageEvent<string>).data) as { round: ExploreRoundView; notes: ModelNotes | null };
      const known = autoIterate.getState().rounds.some((r) => r.runId === round.runId && r.round === round.round);
      autoIterate.getState().addRound(round, notes);
      if (!known && autoIterate.getState().running) studio.getState().announce(words.current.t("auto.announcePicked", { round: round.round, label: round.pick.winner }));
    });
    return () => source.close();
  }, [projectId, after, studio, autoIterate]);
}
