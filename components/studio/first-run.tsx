"use client";

import { useT } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n";
import { useStudio, useStudioStore } from "./studio-context";
import { useStudioFlow } from "./use-studio-flow";

/** Three drafts a new designer can run as they are; the swatch hints at what each will look like. */
const examples: Array<{ key: MessageKey; swatch: string; ratio: string }> = [
  { key: "empty.example1", swatch: "linear-gradient(135deg, #0b1f4d 0%, #163a7a 55%, #d9a441 100%)", ratio: "2:3" },
  { key: "empty.example2", swatch: "linear-gradient(135deg, #f6eee1 0%, #f3c89b 55%, #e5762f 100%)", ratio: "2:3" },
  { key: "empty.example3", swatch: "linear-gradient(135deg, #ede6da 0%, #d8cbb6 60%, #8a6f52 100%)", ratio: "1:1" },
];

/** The first thing a new designer sees: one click runs the whole loop on an example. */
export function FirstRun() {
  const t = useT();
  const stage = useStudio((s) => s.stage);
  const store = useStudioStore();
  const { refine, generate } = useStudioFlow();

  const run = async (draft: string) => {
    store.getState().setDraft(draft);
    await refine();
    const after = store.getState();
    if (!after.formError && after.refinedPrompt.trim()) await generate();
  };

  return (
    <section aria-labelledby="first-run-heading" className="flex min-w-0 flex-col gap-5 rounded-card border border-line bg-surface p-5 shadow-card sm:p-7 xl:col-span-full">
      <div className="flex flex-col gap-1.5">
        <h2 id="first-run-heading" className="text-xl font-semibold tracking-tight sm:text-2xl">
          {t("empty.title")}
        </h2>
        <p className="max-w-prose text-sm text-muted">{t("empty.body")}</p>
      </div>
      <ul className="grid gap-3 md:grid-cols-3">
        {examples.map(({ key, swatch, ratio }) => {
          const draft = t(key);
          return (
            <li key={key} className="flex">
              <button
                type="button"
                disabled={stage !== "idle"}
                onClick={() => void run(draft)}
                className="group flex w-full flex-col overflow-hidden rounded-card border border-line bg-paper text-left transition hover:-translate-y-0.5 hover:border-accent/60 hover:shadow-card disabled:translate-y-0 disabled:opacity-60 motion-reduce:transition-none"
              >
                <span aria-hidden="true" className="relative block h-24 w-full sm:h-28" style={{ background: swatch }}>
                  <span className="absolute right-2 bottom-2 rounded-full bg-black/45 px-2 py-0.5 font-mono text-2xs text-white">{ratio}</span>
                </span>
                <span className="flex flex-1 flex-col gap-3 p-3.5">
                  <span className="text-sm leading-relaxed text-ink">{draft}</span>
                  <span className="mt-auto inline-flex items-center gap-1.5 text-xs font-semibold text-accent-text">
                    {t("empty.try")}
                    <span aria-hidden="true" className="transition group-hover:translate-x-0.5">
                      →
                    </span>
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
