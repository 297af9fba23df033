"use client";

import { useT } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n";
import type { StudioConfig } from "@/lib/schemas/studio-config";
import { MAX_CLIP_SECONDS, videoAspectRatios, type VideoAspectRatio } from "@/lib/schemas/video-limits";
import { formatListPrice } from "@/lib/studio/format";
import { useStudio, useStudioConfig } from "./studio-context";

type VideoProvider = StudioConfig["videoProviders"][number];

const fieldClass = "h-9 w-full rounded-lg border border-line bg-surface px-2.5 text-sm focus:border-focus focus:outline-none";

/** The Output radios: stills or one clip. Everything below them follows the choice. */
export function OutputChoice() {
  const output = useStudio((s) => s.output);
  const setOutput = useStudio((s) => s.setOutput);
  const stage = useStudio((s) => s.stage);
  const t = useT();
  return (
    <div role="radiogroup" aria-label={t("render.output")} className="flex items-center gap-1 rounded-lg bg-sunken p-1 text-sm">
      {(["image", "video"] as const).map((kind) => (
        <label key={kind} className={`flex flex-1 cursor-pointer items-center justify-center gap-1.5 rounded-md px-2 py-1 ${output === kind ? "bg-surface font-medium text-ink shadow-card" : "text-muted"}`}>
          <input type="radio" name="output" value={kind} checked={output === kind} disabled={stage !== "idle"} onChange={() => setOutput(kind)} className="accent-accent" />
          {t(kind === "image" ? "render.outputImage" : "render.outputVideo")}
        </label>
      ))}
    </div>
  );
}

/** Output Video: provider (video-capable models only), shape and length, and the clip's price before it is rendered. */
export function VideoControls() {
  const params = useStudio((s) => s.videoParams);
  const setParams = useStudio((s) => s.setVideoParams);
  const { videoProviders } = useStudioConfig();
  const t = useT();
  const chosen = videoProviders.find((p) => p.id === params.providerId);
  const durations = chosen ? chosen.durations : Array.from({ length: MAX_CLIP_SECONDS }, (_, i) => i + 1);
  const ratios = (chosen?.aspectRatios ?? videoAspectRatios) as readonly VideoAspectRatio[];
  return (
    <>
      <div className="grid grid-cols-[1fr_auto_auto] gap-2">
        <label className="flex flex-col gap-1 text-xs text-muted">
          {t("render.provider")}
          <select
            aria-label={t("render.provider")}
            value={params.providerId}
            onChange={(e) => setParams(fitTo({ providers: videoProviders, id: e.target.value, durationSeconds: params.durationSeconds, aspectRatio: params.aspectRatio }))}
            className={fieldClass}
          >
            {videoProviders.length > 1 ? <option value="auto">{t("render.autoVideo")}</option> : null}
            {videoProviders.map((p) => (
              <option key={p.id} value={p.id}>
                {providerName(p, t)} — {t("render.figures", { seconds: p.latencySeconds, price: perSecond(p, t) })}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-muted">
          {t("render.aspect")}
          <select value={params.aspectRatio} onChange={(e) => setParams({ aspectRatio: e.target.value as VideoAspectRatio })} className={fieldClass}>
            {ratios.map((ratio) => (
              <option key={ratio} value={ratio}>
                {ratio}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-muted">
          {t("render.duration")}
          <select value={params.durationSeconds} onChange={(e) => setParams({ durationSeconds: Number(e.target.value) })} className={fieldClass}>
            {durations.map((d) => (
              <option key={d} value={d}>
                {t("render.seconds", { n: d })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ClipPrice />
    </>
  );
}

/** The clip's list price before it is rendered — the amount reserved against the day's budget. */
function ClipPrice() {
  const params = useStudio((s) => s.videoParams);
  const { videoProviders } = useStudioConfig();
  const t = useT();
  const paid = params.providerId === "auto" ? videoProviders.filter((p) => !p.local) : videoProviders.filter((p) => p.id === params.providerId);
  const prices = paid.map((p) => (p.pricePerSecondUsd === null ? null : p.pricePerSecondUsd * snap(p.durations, params.durationSeconds)));
  const known = prices.filter((p): p is number => p !== null);
  const top = known.length ? Math.max(...known) : 0;
  const text = prices.includes(null) ? t("render.priceUnknown") : top === 0 ? t("render.free") : formatListPrice(top);
  return (
    <p className="text-xs text-muted" data-testid="clip-price">
      {t(params.providerId === "auto" && top > 0 ? "render.clipPriceUpTo" : "render.clipPrice", { price: text })}
      {params.providerId === "auto" ? <span className="block">{t("render.autoVideoReason")}</span> : null}
    </p>
  );
}

/** Clip lengths snap to the nearest the model makes (as the server does). */
function snap(durations: number[], seconds: number): number {
  return durations.reduce((best, d) => (Math.abs(d - seconds) < Math.abs(best - seconds) ? d : best), durations[0] ?? seconds);
}

/** A new provider keeps the length and shape when it offers them, else the nearest it does. */
function fitTo({ providers, id, durationSeconds, aspectRatio }: { providers: VideoProvider[]; id: string; durationSeconds: number; aspectRatio: VideoAspectRatio }) {
  const p = providers.find((v) => v.id === id);
  if (!p) return { providerId: id, model: undefined };
  return {
    providerId: id,
    model: undefined,
    durationSeconds: snap(p.durations, durationSeconds),
    aspectRatio: (p.aspectRatios.includes(aspectRatio) ? aspectRatio : p.aspectRatios[0]) as VideoAspectRatio,
  };
}

function perSecond(p: VideoProvider, t: Translate): string {
  if (p.pricePerSecondUsd === null) return t("render.priceUnknown");
  return p.pricePerSecondUsd === 0 ? t("render.free") : t("render.perSecond", { usd: formatListPrice(p.pricePerSecondUsd) });
}

/** Brands stay as they are; the Local video renderer is a description, so it is translated. */
function providerName(p: VideoProvider, t: Translate): string {
  return p.local ? t("render.localVideoRenderer") : `${p.label} · ${p.model}`;
}
