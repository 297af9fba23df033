"use client";

import { useEffect, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { errorText } from "@/lib/i18n";
import { useLocale } from "@/lib/i18n/client";
import { PromptDiff } from "@/components/studio/prompt-diff";
import { useSteering, useSteeringStore, useStudioStore } from "@/components/studio/studio-context";
import type { IterationView } from "@/lib/schemas/iteration";
import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";
import { emptySteering } from "@/lib/store/steering-store";
import { formatUsd } from "@/lib/studio/cost";
import { Button } from "@/components/ui/button";
import { cancelScheduledRevision, currentRevision, resetRevision, scheduleRevision } from "./revision-draft";

/**
 * The prompt "Apply revision" will render, as a word diff against the current prompt, before
 * the click. It is written again as the designer keeps, drops or rewords points (see
 * revision-draft.ts), and can be rewritten by hand — never a required step.
 */
export function RevisedPrompt({ iteration, disabled }: { iteration: IterationView; disabled: boolean }) {
  const t = useT();
  const locale = useLocale();
  const studio = useStudioStore();
  const steeringStore = useSteeringStore();
  const steering = useSteering((s) => s.byIteration[iteration.id]) ?? emptySteering;
  const stored = useSteering((s) => s.revisions[iteration.id]);
  const editRevision = useSteering((s) => s.editRevision);
  const [editing, setEditing] = useState(false);

  // Every change of the decisions (or of the variant continued from) asks for the revision again.
  useEffect(() => {
    scheduleRevision({ iteration, steering: steeringStore, studio });
  }, [iteration, steeringStore, studio, steering]);
  useEffect(() => () => cancelScheduledRevision(iteration.id), [iteration.id]);

  const settled = stored ? currentRevision({ iteration, steering: steeringStore }) : null;
  const prompt = stored?.prompt ?? "";
  const updating = !settled || settled.status === "writing";
  const status = stored?.handEdited
    ? t("revision.handEdited")
    : updating
      ? t("revision.updating")
      : settled.status === "failed" && settled.error
        ? t("revision.failed", { message: errorText({ t, locale, error: settled.error }) })
        : settled.spend
          ? t("revision.written", { usd: formatUsd(settled.spend.costUsd), tokens: settled.spend.usage.inputTokens + settled.spend.usage.outputTokens })
          : settled.basis === ""
            ? t("revision.fromCritique")
            : t("revision.noCall");

  return (
    <div role="group" aria-label={t("revision.label")} aria-busy={updating && !stored?.handEdited} className="flex flex-col gap-2 rounded-lg border border-accent/40 bg-accent-soft/40 p-3">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-xs font-semibold text-muted">{t("revision.changes")}</h3>
        <Button variant="ghost" className="h-7 px-2 text-xs" aria-expanded={editing} aria-controls="revision-prompt" onClick={() => setEditing(!editing)} disabled={!stored}>
          {editing ? t("revision.doneEditing") : t("revision.edit")}
        </Button>
      </div>
      <div aria-label={t("revision.diff")} role="region" className="rounded-md bg-surface p-2">
        {stored ? <PromptDiff before={iteration.renderedPrompt} after={prompt} /> : <div className="skeleton h-10 w-full rounded-md" aria-hidden="true" />}
      </div>
      <p aria-live="polite" className="text-2xs text-muted">
        {status}
        {stored?.handEdited ? (
          <>
            {" "}
            <button type="button" className="underline" disabled={disabled} onClick={() => resetRevision({ iteration, steering: steeringStore, studio })}>
              {t("revision.useDecisions")}
            </button>
          </>
        ) : null}
      </p>
      {editing ? (
        <>
          <label htmlFor="revision-prompt" className="text-xs font-semibold text-muted">
            {t("revision.prompt")}
          </label>
          <textarea
            id="revision-prompt"
            value={prompt}
            maxLength={MAX_PROMPT_LENGTH}
            rows={6}
            disabled={disabled}
            onChange={(e) => editRevision(iteration.id, e.target.value)}
            className="w-full resize-y rounded-md border border-line bg-surface p-2 font-mono text-xs leading-relaxed focus:border-focus focus:outline-none"
          />
        </>
      ) : null}
    </div>
  );
}
