"use client";

import { aspectRatios, type AspectRatio } from "@/lib/schemas/params";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useStudio, useStudioConfig } from "./studio-context";
import { useStudioFlow } from "./use-studio-flow";

const fieldClass =
  "h-9 w-full rounded-lg border border-line bg-surface px-2.5 text-sm focus:border-focus focus:outline-none";

/** Provider, format and variants, then the one button that spends money. */
export function RenderControls() {
  const params = useStudio((s) => s.params);
  const setParams = useStudio((s) => s.setParams);
  const stage = useStudio((s) => s.stage);
  const { providers } = useStudioConfig();
  const { generate } = useStudioFlow();

  return (
    <section aria-labelledby="render-heading" className="flex flex-col gap-3">
      <h2 id="render-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
        Render
      </h2>
      <div className="grid grid-cols-[1fr_auto_auto] gap-2">
        <label className="flex flex-col gap-1 text-xs text-muted">
          Provider
          <select
            aria-label="Provider"
            value={params.providerId}
            onChange={(e) => setParams({ providerId: e.target.value, model: undefined })}
            className={fieldClass}
          >
            {providers.length > 1 ? <option value="auto">Auto</option> : null}
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-muted">
          Aspect
          <select
            value={params.aspectRatio}
            onChange={(e) => setParams({ aspectRatio: e.target.value as AspectRatio })}
            className={fieldClass}
          >
            {aspectRatios.map((ratio) => (
              <option key={ratio} value={ratio}>
                {ratio}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-muted">
          Variants
          <select
            value={params.n}
            onChange={(e) => setParams({ n: Number(e.target.value) })}
            className={fieldClass}
          >
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="flex items-center gap-2 text-xs text-muted">
        Seed
        <input
          inputMode="numeric"
          value={params.seed ?? ""}
          placeholder="random"
          onChange={(e) => {
            const digits = e.target.value.replace(/\D/g, "").slice(0, 10);
            setParams({ seed: digits ? Math.min(Number(digits), 2_147_483_647) : undefined });
          }}
          className="h-8 w-32 rounded-lg border border-line bg-surface px-2 font-mono text-xs focus:border-focus focus:outline-none"
        />
      </label>
      <Button variant="primary" onClick={generate} disabled={stage !== "idle"} className="h-11 text-[15px]" aria-keyshortcuts="Control+Enter Meta+Enter">
        Generate
        <span className="hidden opacity-80 sm:inline">
          <Kbd>⌘↵</Kbd>
        </span>
      </Button>
    </section>
  );
}
