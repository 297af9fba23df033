"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Dialog } from "@/components/ui/dialog";
import { useT } from "@/lib/i18n/client";
import { useStudioConfig } from "./studio-context";

const code = (text: string) => <code className="rounded bg-sunken px-1 py-0.5 font-mono text-[0.85em] text-ink">{text}</code>;

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
      <Dialog open={open} onOpenChange={setOpen} title={t("engine.howTo")} className="w-[min(520px,calc(100vw-2rem))]">
        <EngineHowTo offline={offline} />
      </Dialog>
    </>
  );
}

function EngineHowTo({ offline }: { offline: boolean }) {
  const t = useT();
  const fill = (text: string, parts: Record<string, string>) =>
    text.split(/(\{\w+\})/).map((piece, i) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      return name && parts[name] ? <span key={i}>{code(parts[name])}</span> : piece;
    });
  return (
    <div className="flex flex-col gap-4 text-sm leading-relaxed">
      {offline ? <p className="text-muted">{t("engine.offlineBody")}</p> : null}
      <ol className="flex flex-col gap-3">
        {offline ? (
          <Step n={1}>{fill(t("engine.stepClaude"), { key: "ANTHROPIC_API_KEY", baseUrl: "ANTHROPIC_BASE_URL" })}</Step>
        ) : null}
        <Step n={offline ? 2 : 1}>{fill(t("engine.stepProvider"), { key: "OPENAI_API_KEY" })}</Step>
      </ol>
      <p className="text-xs text-muted">{t("engine.stepReadme")}</p>
    </div>
  );
}

function Step({ n, children }: { n: number; children: React.ReactNode }) {
  return (
    <li className="flex gap-3">
      <span aria-hidden="true" className="flex size-6 shrink-0 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent-text">
        {n}
      </span>
      <span>{children}</span>
    </li>
  );
}
