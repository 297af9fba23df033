"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Modal } from "@/components/ui/modal";
import { useT } from "@/lib/i18n/client";
import { useStudioConfig } from "./studio-context";

// The how-to is drawn only inside the open dialog, so its code waits until someone asks.
const EngineHowTo = dynamic(() => import("./engine-how-to").then((m) => m.EngineHowTo));

/**
 * Which engine does the understanding — always visible. Offline is a real mode, not an error,
 * so its badge opens a short how-to for connecting Claude and an image provider.
 */
export function EngineBadge() {
  const { understanding, providers } = useStudioConfig();
  const [open, setOpen] = useState(false);
  const t = useT();
  const offline = understanding.kind === "offline";
  const localOnly = !providers.some((p) => !p.local);

  if (!offline && !localOnly) {
    return (
      <Badge tone="good" title={t("engine.claudeTitle", { refine: understanding.refineModel, critique: understanding.critiqueModel })}>
        <span aria-hidden="true" className="size-1.5 rounded-full bg-good" />
        {t("engine.claude")}
      </Badge>
    );
  }
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title={offline ? t("engine.offlineTitle") : undefined}
        className={`inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition hover:bg-sunken ${
          offline ? "border-warn/50 text-warn" : "border-good/40 text-good"
        }`}
      >
        <span aria-hidden="true" className={`size-1.5 rounded-full ${offline ? "bg-warn" : "bg-good"}`} />
        <span>{offline ? t("engine.offline") : t("engine.claude")}</span>
        <span className="sr-only"> — {t("engine.howTo")}</span>
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6">
          <circle cx="8" cy="8" r="6.5" />
          <path d="M8 7.2v4M8 4.8v.1" strokeLinecap="round" />
        </svg>
      </button>
      <Modal open={open} onOpenChange={setOpen} title={t("engine.howTo")} className="w-[min(520px,calc(100vw-2rem))]">
        <EngineHowTo offline={offline} />
      </Modal>
    </>
  );
}
