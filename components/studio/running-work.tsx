"use client";

import { useEffect, useState } from "react";
import { AppLink } from "@/components/ui/app-link";
import { useT } from "@/lib/i18n/client";
import type { RunningWork as Work } from "@/lib/schemas/running-work";
import { useAutoIterate, useStudio } from "./studio-context";

/** While work runs it is asked for often; idle, now and then (another tab may start some). */
const BUSY_POLL_MS = 2_000;
const IDLE_POLL_MS = 15_000;

/**
 * The header's running-work indicator: what is in flight on the server across all of the
 * designer's projects (renders, critiques, auto-iterate rounds), each linking to its project.
 * Shown only while something runs; closing a tab does not stop any of it.
 */
export function RunningWork() {
  const t = useT();
  const [work, setWork] = useState<Work[]>([]);
  const [open, setOpen] = useState(false);
  // A press here starts work at once: the studio's own stage and run are worth a fresh look.
  const stage = useStudio((s) => s.stage);
  const running = useAutoIterate((s) => s.running);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const next = await fetch("/api/work", { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<{ work: Work[] }>) : null))
        .catch(() => null);
      if (stopped) return;
      if (next) setWork(next.work);
      timer = setTimeout(poll, next && next.work.length > 0 ? BUSY_POLL_MS : IDLE_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [stage, running]);

  if (work.length === 0) return null;
  return (
    <div className="relative">
      <button
        type="button"
        aria-label={t("work.button")}
        aria-expanded={open}
        aria-controls="running-work-list"
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-1.5 rounded-full border border-line bg-surface px-2.5 py-1 text-xs font-medium tabular-nums hover:border-focus focus-visible:outline-2 focus-visible:outline-focus"
      >
        <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-accent" />
        <span aria-hidden="true">{t("work.count", { count: work.length })}</span>
      </button>
      {open ? (
        <section
          id="running-work-list"
          aria-label={t("work.button")}
          className="absolute right-0 top-full z-20 mt-2 w-72 rounded-card border border-line bg-surface p-3 text-sm shadow-card"
        >
          <p className="mb-2 text-xs text-muted">{t("work.note")}</p>
          <ul className="flex flex-col gap-1.5">
            {work.map((item) => (
              <li key={item.id} className="flex items-baseline justify-between gap-2">
                <span>
                  {t(`work.kind.${item.kind}`)}
                  {item.waiting ? <span className="text-muted"> · {t("work.waiting")}</span> : null}
                </span>
                {item.projectId ? (
                  <AppLink href={`/p/${item.projectId}`} className="truncate text-xs text-muted underline-offset-2 hover:underline">
                    {item.projectName ?? t("app.newProject")}
                  </AppLink>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
