"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useStudioStore } from "./studio-context";
import { useStudioFlow } from "./use-studio-flow";

const shortcuts: Array<[keys: string, action: string]> = [
  ["Ctrl/⌘ Enter", "Generate"],
  ["Ctrl/⌘ Shift Enter", "Apply revision"],
  ["R", "Refine the draft"],
  ["[  ]", "Previous / next version in History"],
  ["?", "Show these shortcuts"],
];

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Studio-wide keys. Single letters only act outside text fields, so typing is never hijacked. */
export function KeyboardShortcuts() {
  const dialog = useRef<HTMLDialogElement>(null);
  const store = useStudioStore();
  const { refine, generate, applyRevision } = useStudioFlow();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key === "Enter") {
        event.preventDefault();
        if (event.shiftKey) void applyRevision();
        else void generate();
        return;
      }
      if (mod || event.altKey || isTyping(event.target) || dialog.current?.open) return;
      if (event.key === "r" || event.key === "R") {
        event.preventDefault();
        void refine();
      } else if (event.key === "[" || event.key === "]") {
        const { iterations, currentId, select, stage } = store.getState();
        if (stage !== "idle" || iterations.length === 0) return;
        const index = iterations.findIndex((i) => i.id === currentId);
        const next = event.key === "[" ? Math.max(0, index - 1) : Math.min(iterations.length - 1, index + 1);
        select(iterations[next]!.id);
      } else if (event.key === "?") {
        dialog.current?.showModal();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, refine, generate, applyRevision]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(420px,calc(100vw-2rem))] rounded-card border border-line bg-surface p-5 text-ink shadow-card backdrop:bg-ink/40"
    >
      <h2 id="shortcuts-title" className="mb-3 font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {shortcuts.map(([keys, action]) => (
          <div key={keys} className="contents">
            <dt>
              <Kbd>{keys}</Kbd>
            </dt>
            <dd className="text-muted">{action}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 flex justify-end">
        <Button type="submit">Close</Button>
      </form>
    </dialog>
  );
}
