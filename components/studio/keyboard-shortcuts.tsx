"use client";

import { useEffect, useState } from "react";
import { Modal } from "@/components/ui/modal";
import { Kbd } from "@/components/ui/kbd";
import type { MessageKey } from "@/lib/i18n";
import { useT } from "@/lib/i18n/client";
import { useStudioStore } from "./studio-context";
import { useStudioFlow } from "./use-studio-flow";

const shortcuts: Array<[keys: string, action: MessageKey]> = [
  ["Ctrl/⌘ Enter", "shortcuts.generate"],
  ["Ctrl/⌘ Shift Enter", "shortcuts.apply"],
  ["R", "shortcuts.refine"],
  ["[  ]", "shortcuts.history"],
  ["?", "shortcuts.help"],
];

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Studio-wide keys. Single letters only act outside text fields, so typing is never hijacked. */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const store = useStudioStore();
  const { refine, generate, applyRevision } = useStudioFlow();
  const t = useT();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Another dialog (Share, Compare, the viewer) owns the keyboard while it is open.
      if (document.querySelector("dialog[open]")) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key === "Enter") {
        event.preventDefault();
        if (event.shiftKey) void applyRevision();
        else void generate();
        return;
      }
      if (mod || event.altKey || isTyping(event.target)) return;
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
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, refine, generate, applyRevision]);

  return (
    <Modal open={open} onOpenChange={setOpen} title={t("shortcuts.title")} className="w-[min(440px,calc(100vw-2rem))]">
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-5 gap-y-2.5 text-sm">
        {shortcuts.map(([keys, action]) => (
          <div key={keys} className="contents">
            <dt>
              <Kbd>{keys}</Kbd>
            </dt>
            <dd className="text-muted">{t(action)}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
