"use client";

import { CritiquePanel } from "./critique-panel";
import { Results } from "./results";
import { ResultsViewer } from "./results-viewer";

/**
 * The results, their viewer and the critique: loaded as their own chunk (see studio.tsx), since
 * a fresh studio shows the first-run examples instead and fetches this while the first render runs.
 */
export function ResultsArea() {
  return (
    <>
      <ResultsViewer>
        <Results />
      </ResultsViewer>
      <CritiquePanel />
    </>
  );
}
