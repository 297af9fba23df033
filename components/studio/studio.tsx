"use client";

import dynamic from "next/dynamic";
import { AutoIteratePanel } from "@/components/critique/auto-iterate-panel";
import { ReferencePanel } from "@/components/critique/reference-panel";
import { DescribeButton } from "@/components/describe/describe-button";
import { StudioShareButton } from "@/components/share/studio-share-button";
import type { AutoIterateSeed } from "@/lib/store/auto-iterate-store";
import type { ReferenceSeed } from "@/lib/store/reference-store";
import type { StudioState } from "@/lib/store/studio-store";
import { HistoryTree } from "./history-tree";
import { PromptEditor } from "./prompt-editor";
import { RenderControls } from "./render-controls";
import type { StudioConfig } from "@/lib/schemas/studio-config";
import { StudioProvider, useStudio } from "./studio-context";
import { StudioHeader } from "./studio-header";
import { StatusRegion } from "./stage-indicator";
import { FirstRun } from "./first-run";
import { KeyboardShortcuts } from "./keyboard-shortcuts";

/**
 * The studio: controls on the left, the image and its critique side by side on wide
 * screens, stacked on narrow ones.
 */
export function Studio({ initial, config, references, autoIterate }: { initial: Partial<StudioState>; config: StudioConfig; references?: ReferenceSeed; autoIterate?: AutoIterateSeed }) {
  return (
    <StudioProvider initial={initial} config={config} autoIterate={autoIterate} references={references ?? { projectId: initial.projectId ?? null, references: [], activeId: null }}>
        <StudioHeader
          actions={
            <>
              <DescribeButton />
              <StudioShareButton />
            </>
          }
        />
        <main className="mx-auto grid max-w-[1600px] grid-cols-[minmax(0,1fr)] gap-6 px-4 py-6 lg:grid-cols-[minmax(300px,380px)_1fr] lg:px-6">
          {/* On narrow screens the aside dissolves into the page so History can follow the results. */}
          <aside className="contents lg:flex lg:flex-col lg:gap-6">
            <PromptEditor />
            <ReferencePanel />
            <RenderControls />
            <AutoIteratePanel />
            <div className="order-last lg:order-none">
              <HistoryTree />
            </div>
          </aside>
          <div className="grid min-w-0 content-start gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(300px,380px)]">
            <ResultsOrFirstRun />
          </div>
        </main>
        <StatusRegion />
        <KeyboardShortcuts />
    </StudioProvider>
  );
}

// Not needed for a fresh studio's first paint; a project page renders it on the server, which preloads the chunk.
const ResultsArea = dynamic(() => import("./results-area").then((m) => m.ResultsArea));

/** Until the first render starts, the space for results offers examples to start from. */
function ResultsOrFirstRun() {
  const fresh = useStudio((s) => s.iterations.length === 0 && (s.stage === "idle" || s.stage === "refining"));
  return fresh ? <FirstRun /> : <ResultsArea />;
}
