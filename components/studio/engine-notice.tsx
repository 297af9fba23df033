"use client";

import { useStudioConfig } from "./studio-context";

/** Offline is a real mode, not an error — but the designer should know how to connect Claude. */
export function EngineNotice() {
  const { understanding, providers } = useStudioConfig();
  if (understanding.kind === "claude" && providers.some((p) => !p.local)) return null;
  return (
    <details className="rounded-card border border-line bg-surface px-3 py-2 text-xs text-muted">
      <summary className="cursor-pointer font-medium text-ink">
        {understanding.kind === "offline" ? "Running offline — how to connect Claude" : "Using the Local renderer — how to add a provider"}
      </summary>
      <div className="mt-2 flex flex-col gap-1.5 leading-relaxed">
        {understanding.kind === "offline" ? (
          <p>
            Refine and critique run on local heuristics that measure the image&apos;s real pixels. Set{" "}
            <code className="font-mono text-ink">ANTHROPIC_API_KEY</code> (and optionally{" "}
            <code className="font-mono text-ink">ANTHROPIC_BASE_URL</code> for a gateway) and restart to use Claude.
          </p>
        ) : null}
        <p>
          Images come from the Local renderer. Set <code className="font-mono text-ink">OPENAI_API_KEY</code> to render with
          OpenAI.
        </p>
      </div>
    </details>
  );
}
