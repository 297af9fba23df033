"use client";

import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import type { CritiqueIssue } from "@/lib/schemas/critique";
import { seekClip } from "@/components/studio/clip-player";

/** A still's issue, or a clip's with the time mark where it starts ("0:02"). */
type Issue = Omit<CritiqueIssue, "aspect"> & { aspect: string; at?: string };
import { emptySteering } from "@/lib/store/steering-store";
import { useSteering, useSteeringStore } from "@/components/studio/studio-context";
import { Button } from "@/components/ui/button";
import { SeverityDot } from "./score-parts";

/**
 * The critique's points, each one the designer can keep, drop or reword before a revision is
 * written, and a note of their own for the next round.
 */
export function IssueSteering({ iterationId, issues, disabled }: { iterationId: string; issues: Issue[]; disabled: boolean }) {
  const t = useT();
  const steering = useSteering((s) => s.byIteration[iterationId]) ?? emptySteering;
  const update = useSteering((s) => s.update);
  const kept = issues.filter((i) => !steering.rejected.includes(i.id)).length;

  return (
    <>
      {issues.length > 0 ? (
        <div>
          <h3 className="mb-1.5 flex items-baseline justify-between text-xs font-semibold text-muted">
            {t("critique.issues")}
            <span className="font-normal tabular-nums">{t("steer.accepted", { kept, total: issues.length })}</span>
          </h3>
          <ul className="flex flex-col gap-2">
            {issues.map((issue) => (
              <IssueItem key={issue.id} iterationId={iterationId} issue={issue} disabled={disabled} />
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={`note-${iterationId}`} className="text-xs font-semibold text-muted">
          {t("steer.noteLabel")}
        </label>
        <textarea
          id={`note-${iterationId}`}
          value={steering.note}
          onChange={(e) => update(iterationId, { note: e.target.value })}
          maxLength={1000}
          rows={2}
          placeholder={t("steer.notePlaceholder")}
          className="w-full resize-y rounded-lg border border-line bg-surface p-2 text-sm placeholder:text-muted/70 focus:border-focus focus:outline-none"
        />
      </div>
    </>
  );
}

function IssueItem({ iterationId, issue, disabled }: { iterationId: string; issue: Issue; disabled: boolean }) {
  const t = useT();
  const steering = useSteering((s) => s.byIteration[iterationId]) ?? emptySteering;
  const { update, toggleRejected } = useSteeringStore().getState();
  const [editing, setEditing] = useState(false);
  const rejected = steering.rejected.includes(issue.id);
  const fix = steering.edits[issue.id] ?? issue.fix;
  const edited = fix !== issue.fix;

  const setFix = (text: string) => {
    const others = Object.fromEntries(Object.entries(steering.edits).filter(([id]) => id !== issue.id));
    update(iterationId, { edits: text === issue.fix ? others : { ...others, [issue.id]: text } });
  };

  return (
    <li
      data-issue-id={issue.id}
      aria-label={issue.problem}
      className={`rounded-lg border bg-surface p-2.5 text-sm ${rejected ? "border-dashed border-line opacity-60" : "border-line"}`}
    >
      <div className="flex gap-2.5">
        <input
          type="checkbox"
          checked={!rejected}
          disabled={disabled}
          onChange={() => toggleRejected(iterationId, issue.id)}
          className="mt-0.5 accent-accent"
          aria-label={t("critique.useFix", { fix: issue.fix })}
        />
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <span className={rejected ? "line-through decoration-muted" : ""}>
            <SeverityDot severity={issue.severity} t={t} /> {issue.at ? <TimeMark mark={issue.at} /> : null}
            {issue.problem}
          </span>
          {editing ? (
            <div className="flex flex-col gap-1.5">
              <label htmlFor={`fix-${iterationId}-${issue.id}`} className="sr-only">
                {t("steer.editFix", { problem: issue.problem })}
              </label>
              <textarea
                id={`fix-${iterationId}-${issue.id}`}
                autoFocus
                value={fix}
                maxLength={600}
                rows={3}
                onChange={(e) => setFix(e.target.value)}
                className="w-full resize-y rounded-md border border-focus bg-surface p-1.5 text-sm focus:outline-none"
              />
              <div className="flex gap-1.5">
                <Button className="h-7 px-2 text-xs" onClick={() => setEditing(false)} disabled={!fix.trim()}>
                  {t("steer.done")}
                </Button>
                {edited ? (
                  <Button variant="ghost" className="h-7 px-2 text-xs" onClick={() => setFix(issue.fix)}>
                    {t("steer.restore")}
                  </Button>
                ) : null}
              </div>
            </div>
          ) : (
            <span className="text-muted">
              <span className="font-medium text-ink">{edited ? t("steer.fixEdited") : t("critique.fix")}</span> {fix}
            </span>
          )}
          <div className="flex gap-1">
            {!editing ? (
              <Button variant="ghost" className="h-7 px-2 text-xs" disabled={disabled || rejected} onClick={() => setEditing(true)} aria-label={t("steer.editFix", { problem: issue.problem })}>
                {t("steer.edit")}
              </Button>
            ) : null}
            <Button
              variant="ghost"
              className="h-7 px-2 text-xs"
              disabled={disabled}
              aria-pressed={rejected}
              onClick={() => toggleRejected(iterationId, issue.id)}
              aria-label={t(rejected ? "steer.acceptNamed" : "steer.rejectNamed", { problem: issue.problem })}
            >
              {rejected ? t("steer.accept") : t("steer.reject")}
            </Button>
          </div>
        </div>
      </div>
    </li>
  );
}

/** "0:02": where a clip's issue starts; pressing it plays the clip from there. */
export function TimeMark({ mark }: { mark: string }) {
  const t = useT();
  const seconds = secondsOf(mark);
  return (
    <>
      <button
        type="button"
        onClick={() => seekClip(seconds)}
        aria-label={t("critique.seekTo", { mark })}
        className="rounded bg-sunken px-1 font-mono text-xs font-semibold text-ink tabular-nums hover:bg-accent/20"
      >
        {mark}
      </button>{" "}
      <span aria-hidden="true">— </span>
    </>
  );
}

/** "1:02.5" → 62.5 (the marks are checked on the server; anything else reads as the start). */
function secondsOf(mark: string): number {
  const parts = mark.split(":").map(Number);
  const seconds = parts.reduce((sum, part) => sum * 60 + part, 0);
  return Number.isFinite(seconds) ? seconds : 0;
}
