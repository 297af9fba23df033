"use client";

import dynamic from "next/dynamic";
import { CompareButton } from "./compare-button";
import { useStudio } from "./studio-context";
import { useT } from "@/lib/i18n/client";

// Comparing needs two renders; until then History shows the disabled button without the dialog's code.
const CompareDialog = dynamic(() => import("./compare-dialog").then((m) => m.CompareDialog), { loading: () => <CompareButton disabled /> });

// A fresh studio has no history yet; the tree's code comes with the first iteration (or with a project page).
const HistoryList = dynamic(() => import("./history-list").then((m) => m.HistoryList));

/** Iterations as a tree: a revision from an older version starts a visible branch. */
export function HistoryTree() {
  const iterations = useStudio((s) => s.iterations);
  const currentId = useStudio((s) => s.currentId);
  const select = useStudio((s) => s.select);
  const stage = useStudio((s) => s.stage);
  const t = useT();
  const comparable = iterations.filter((i) => i.images.length > 0).length >= 2;

  return (
    <section className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">{t("history.heading")}</h2>
        {comparable ? <CompareDialog /> : <CompareButton disabled />}
      </div>
      <nav aria-label={t("history.heading")}>
      {iterations.length === 0 ? (
        <p className="text-xs text-muted">{t("history.empty")}</p>
      ) : (
        <HistoryList iterations={iterations} currentId={currentId} onSelect={select} disabled={stage !== "idle"} />
      )}
      </nav>
    </section>
  );
}
