"use client";

import { useT } from "@/lib/i18n/client";

const code = (text: string) => <code className="rounded bg-sunken px-1 py-0.5 font-mono text-[0.85em] text-ink">{text}</code>;

/** How to connect Claude and an image provider: the steps behind the engine badge. */
export function EngineHowTo({ offline }: { offline: boolean }) {
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
