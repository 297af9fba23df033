"use client";

import { describeFigures } from "@/lib/studio/format";
import { aspectRatios, type AspectRatio } from "@/lib/schemas/aspect-ratios";
import { Button } from "@/components/ui/button";
import { KeyHint } from "@/components/ui/kbd";
import { useCurrentIteration } from "./current-iteration";
import { useStudio, useStudioConfig } from "./studio-context";
import { useStudioFlow } from "./use-studio-flow";
import { useVariantFlow } from "./use-variant-flow";
import { OutputChoice, VideoControls } from "./video-controls";
import { useT } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n";

const fieldClass =
  "h-9 w-full rounded-lg border border-line bg-surface px-2.5 text-sm focus:border-focus focus:outline-none";

/** Provider, format and variants, then the one button that spends money. */
export function RenderControls() {
  const stage = useStudio((s) => s.stage);
  const { generate } = useStudioFlow();
  const { cancel } = useVariantFlow();
  const output = useStudio((s) => s.output);
  const t = useT();

  return (
    <section aria-labelledby="render-heading" className="flex flex-col gap-3">
      <h2 id="render-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
        {t("render.heading")}
      </h2>
      <OutputChoice />
      {output === "video" ? <VideoControls /> : <ImageControls />}
      <AutoReason />
      <div className="flex gap-2">
        <Button variant="primary" onClick={generate} disabled={stage !== "idle"} className="h-11 flex-1 text-[15px]" aria-keyshortcuts="Control+Enter Meta+Enter">
          {t("render.generate")}
          <KeyHint>⌘↵</KeyHint>
        </Button>
        {stage === "generating" ? (
          // Stops the provider calls in flight; images that already arrived are kept.
          <Button onClick={cancel} className="h-11">
            {t("render.cancel")}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

/** Output Image: provider, format and variants, seed, and compare mode. */
function ImageControls() {
  const params = useStudio((s) => s.params);
  const setParams = useStudio((s) => s.setParams);
  const { providers } = useStudioConfig();
  const comparing = Boolean(params.compare);
  const t = useT();
  return (
    <>
      <div className="grid grid-cols-[1fr_auto_auto] gap-2">
        <label className="flex flex-col gap-1 text-xs text-muted">
          {t("render.provider")}
          <select
            aria-label={t("render.provider")}
            value={params.providerId}
            onChange={(e) => setParams({ providerId: e.target.value, model: undefined })}
            disabled={comparing}
            className={fieldClass}
          >
            {providers.length > 1 ? <option value="auto">{t("render.auto")}</option> : null}
            {/* Typical figures of each provider's default model, from the capability table. */}
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {providerLabel(p, t)} — {describeFigures(p, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-muted">
          {t("render.aspect")}
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
          {t("render.variants")}
          <select
            value={params.n}
            onChange={(e) => setParams({ n: Number(e.target.value) })}
            disabled={comparing}
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
        {t("render.seed")}
        <input
          inputMode="numeric"
          value={params.seed ?? ""}
          placeholder={t("render.seedRandom")}
          onChange={(e) => {
            const digits = e.target.value.replace(/\D/g, "").slice(0, 10);
            setParams({ seed: digits ? Math.min(Number(digits), 2_147_483_647) : undefined });
          }}
          className="h-8 w-32 rounded-lg border border-line bg-surface px-2 font-mono text-xs focus:border-focus focus:outline-none"
        />
      </label>
      {providers.length > 1 ? <CompareChooser /> : null}
    </>
  );
}

/** After an Auto render, the one-line reason it chose that provider (or model, for a clip). */
function AutoReason() {
  const params = useStudio((s) => s.params);
  const output = useStudio((s) => s.output);
  const videoAuto = useStudio((s) => s.videoParams.providerId === "auto");
  const iteration = useCurrentIteration();
  const t = useT();
  if (!iteration?.routeReason || iteration.mediaKind !== output) return null;
  if (output === "video" ? !videoAuto : params.providerId !== "auto" || params.compare || iteration.params.compare) return null;
  return (
    <p className="text-xs text-muted" data-testid="auto-reason">
      {t("render.autoReason")} <span className="text-ink">{iteration.routeReason}</span>
    </p>
  );
}

/** Compare mode: the same prompt on 2–4 providers at once, side by side. */
function CompareChooser() {
  const params = useStudio((s) => s.params);
  const setParams = useStudio((s) => s.setParams);
  const { providers } = useStudioConfig();
  const chosen = params.compare ?? [];
  const t = useT();
  // Starts with two real providers when there are, since comparing against the poster renderer says little.
  const starters = [...providers.filter((p) => !p.local), ...providers.filter((p) => p.local)].slice(0, 2).map((p) => p.id);
  const toggleMode = (on: boolean) => setParams({ compare: on ? providers.map((p) => p.id).filter((id) => starters.includes(id)) : undefined });
  const toggle = (id: string) => {
    const next = chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
    // Kept in the order of the list, so columns do not jump around as boxes are ticked.
    setParams({ compare: providers.map((p) => p.id).filter((p) => next.includes(p)) });
  };
  return (
    <fieldset className="flex flex-col gap-1.5 text-xs text-muted">
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={Boolean(params.compare)} onChange={(e) => toggleMode(e.target.checked)} className="accent-accent" />
        {t("render.compare")}
      </label>
      {params.compare ? (
        <div role="group" aria-label={t("render.compareGroup")} className="flex flex-wrap gap-x-3 gap-y-1 pl-5">
          {providers.map((p) => {
            const on = chosen.includes(p.id);
            // 2–4 columns: the last two cannot be unticked, and a fifth cannot be added.
            const locked = (on && chosen.length <= 2) || (!on && chosen.length >= 4);
            return (
              <label key={p.id} className={`flex items-center gap-1.5 ${locked && !on ? "opacity-50" : ""}`}>
                <input type="checkbox" checked={on} disabled={locked} onChange={() => toggle(p.id)} className="accent-accent" />
                {providerLabel(p, t)}
              </label>
            );
          })}
        </div>
      ) : null}
    </fieldset>
  );
}

/** Provider names are brands, kept as they are; the Local renderer is a description, so it is translated. */
function providerLabel(provider: { id: string; label: string }, t: Translate): string {
  return provider.id === "local" ? t("render.localRenderer") : provider.label;
}
