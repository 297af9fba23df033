"use client";

import { formatListPrice, formatMs } from "@/lib/studio/format";
import { formatScore } from "@/lib/schemas/score";
import type { ImageView, IterationView } from "@/lib/schemas/iteration";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";
import { aspectRatioToCss } from "./aspect";
import { isReferenceRouteNote } from "@/lib/schemas/reference-note";
import { useCurrentIteration } from "./current-iteration";
import { useStudio, useStudioConfig } from "./studio-context";
import { useVariantFlow } from "./use-variant-flow";
import { useStudioFlow } from "./use-studio-flow";
import { ClipPlayer } from "./clip-player";
import { ResultEditActions } from "@/components/edit/result-edit-actions";

const gridColumns: Record<number, string> = { 1: "grid-cols-1", 2: "grid-cols-2", 3: "grid-cols-2 xl:grid-cols-3", 4: "grid-cols-2 xl:grid-cols-4" };

/** The images of the current iteration, with what made them; variants and compare columns side by side. */
export function Results() {
  const iteration = useCurrentIteration();
  const stage = useStudio((s) => s.stage);
  const imageParams = useStudio((s) => s.params);
  const output = useStudio((s) => s.output);
  const videoRatio = useStudio((s) => s.videoParams.aspectRatio);
  const rendering = stage === "generating";
  // A clip renders one result in the clip's shape (Animate included); stills follow the image params.
  const params = output === "video" ? { ...imageParams, aspectRatio: videoRatio, n: 1, compare: undefined } : imageParams;
  const shown = iteration && !rendering ? iteration : null;
  const ratio = aspectRatioToCss(shown ? shown.params.aspectRatio : params.aspectRatio);
  const comparing = Boolean(shown ? shown.params.compare : params.compare);
  const count = rendering ? (params.compare?.length ?? params.n) : (shown?.images.length ?? 0);
  const t = useT();

  return (
    <section aria-label={t("results.label")} className="flex min-w-0 flex-col gap-3">
      {shown?.cancelled ? <CancelledNotice cancelled={shown.cancelled} /> : null}
      {count === 0 ? (
        <EmptyCanvas ratio={ratio} failed={iteration?.status === "failed"} />
      ) : rendering ? (
        <RenderingSkeletons count={count} ratio={ratio} compare={params.compare} />
      ) : (
        <div
          role={comparing ? "group" : undefined}
          aria-label={comparing ? t("results.sideBySide") : undefined}
          className={`grid gap-3 ${comparing ? (gridColumns[count] ?? "grid-cols-2") : count > 1 ? "grid-cols-2" : "grid-cols-1"}`}
        >
          {shown!.images.map((image) => (
            <VariantCard key={image.id} iteration={shown!} image={image} comparing={comparing} count={count} />
          ))}
        </div>
      )}
      {shown ? <IterationMeta /> : null}
    </section>
  );
}

function RenderingSkeletons({ count, ratio, compare }: { count: number; ratio: string; compare?: string[] }) {
  const { providers } = useStudioConfig();
  const label = (id: string) => providers.find((p) => p.id === id)?.label ?? id;
  return (
    <div className={`grid gap-3 ${compare ? (gridColumns[count] ?? "grid-cols-2") : count > 1 ? "grid-cols-2" : "grid-cols-1"}`}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="flex flex-col gap-1.5">
          {compare?.[i] ? <p className="text-xs font-medium text-muted">{label(compare[i])}</p> : null}
          <div className="skeleton w-full rounded-card" style={{ aspectRatio: ratio }} aria-hidden="true" />
        </div>
      ))}
    </div>
  );
}

function CancelledNotice({ cancelled }: { cancelled: NonNullable<IterationView["cancelled"]> }) {
  const t = useT();
  return (
    <p role="status" className="rounded-lg border border-warn/40 bg-warn/5 px-3 py-2 text-sm">
      <strong className="font-semibold">
        {t("results.cancelled", { kept: cancelled.kept, requested: cancelled.requested })}
      </strong>{" "}
      {cancelled.kept > 0 ? t("results.cancelledKept") : t("results.cancelledNone")}
    </p>
  );
}

/** Who made this image, its own time and list price — the column header in compare mode. */
function SourceLine({ source }: { source: NonNullable<ImageView["source"]> }) {
  return (
    <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted" data-testid="variant-source">
      <span className="font-semibold text-ink">{source.providerLabel}</span>
      <span className="truncate">{source.model}</span>
      {source.ms !== null ? <span className="tabular-nums">{formatMs(source.ms)}</span> : null}
      <span className="tabular-nums">{formatListPrice(source.costUsd)}</span>
    </p>
  );
}

function VariantCard({ iteration, image, comparing, count }: { iteration: IterationView; image: ImageView; comparing: boolean; count: number }) {
  const stage = useStudio((s) => s.stage);
  const { selectVariant } = useVariantFlow();
  const { animate } = useStudioFlow();
  const critique = iteration.critiques.find((c) => c.imageId === image.id);
  const isBest = count > 1 && iteration.bestImageId === image.id;
  const active = (iteration.selectedImageId ?? iteration.bestImageId) === image.id;
  const fellBack = !comparing && image.source && image.source.providerId !== iteration.providerId;
  const position = iteration.images.indexOf(image) + 1;
  const t = useT();

  return (
    <figure
      aria-label={count > 1 ? t(isBest ? "results.variantBest" : "results.variant", { n: position }) : undefined}
      className={`flex flex-col overflow-hidden rounded-card border bg-sunken shadow-card ${count > 1 && active ? "border-accent ring-2 ring-accent/30" : "border-line"}`}
    >
      {(comparing || fellBack) && image.source ? (
        <div className="border-b border-line bg-surface px-3 py-2">
          <SourceLine source={image.source} />
        </div>
      ) : null}
      <div className="relative">
        {image.video ? (
          <ClipPlayer video={image.video} poster={image.url} label={image.alt} width={image.width} height={image.height} />
        ) : (
        <a href={image.url} target="_blank" rel="noreferrer" className="block">
          {/* Stored bytes are served content-addressed and immutable; next/image would re-encode them. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={image.url}
            srcSet={`${image.url}?w=512 512w, ${image.url}?w=1024 1024w, ${image.url} ${image.width}w`}
            sizes={count > 1 ? "(min-width: 1280px) 30vw, 50vw" : "(min-width: 1280px) 55vw, 100vw"}
            alt={image.alt}
            width={image.width}
            height={image.height}
            className="h-auto w-full"
            style={{ aspectRatio: `${image.width} / ${image.height}` }}
          />
        </a>
        )}
        {count > 1 && critique ? (
          <span className="absolute top-2 left-2 flex gap-1.5">
            <span className="rounded-full bg-ink/80 px-2 py-0.5 text-xs font-semibold text-paper tabular-nums">
              {formatScore(critique.result.overall)}
              <span className="sr-only">{t("results.outOf10")}</span>
            </span>
            {isBest ? (
              <span className="rounded-full bg-accent px-2 py-0.5 text-xs font-semibold text-accent-ink" data-testid="best-badge">
                {t("results.best")}<span className="sr-only">{t("results.bestHint")}</span>
              </span>
            ) : null}
          </span>
        ) : null}
      </div>
      <figcaption className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-line bg-surface px-3 py-2 text-xs text-muted">
        {image.providerRevisedPrompt ? (
          <span className="w-full">
            {t("results.rewrote")} <span className="text-ink">{image.providerRevisedPrompt}</span>
          </span>
        ) : null}
        {count > 1 && critique ? (
          <Button
            variant={active ? "primary" : "secondary"}
            className="h-7 px-2.5 text-xs"
            aria-pressed={active}
            disabled={stage !== "idle" || active}
            onClick={() => selectVariant({ iterationId: iteration.id, imageId: image.id })}
          >
            {active ? t("results.continuing") : t("results.continue")}
          </Button>
        ) : null}
        {!image.video && iteration.mediaKind === "image" && !comparing ? (
          <Button className="h-7 px-2.5 text-xs" disabled={stage !== "idle"} onClick={() => void animate({ iterationId: iteration.id, imageId: image.id })}>
            {t("results.animate")}
          </Button>
        ) : null}
        {/* Use as input and Edit region work on stills; a clip's poster is not an image to edit. */}
        {image.video ? null : <ResultEditActions iteration={iteration} image={image} />}
        <span className="tabular-nums">
          {image.width}×{image.height}
          {image.video ? ` · ${t("render.seconds", { n: Number(image.video.durationSeconds.toFixed(1)) })}` : ""}
        </span>
        <span className="ml-auto flex gap-3">
          {image.video ? (
            <a href={image.video.url} download className="font-medium text-ink underline-offset-2 hover:underline">
              {t("results.download", { format: image.video.mediaType.split("/")[1]!.toUpperCase() })}
              <span className="sr-only">{t("results.downloadOf", { alt: image.alt })}</span>
            </a>
          ) : null}
          {(image.video ? [] : (["png", "webp"] as const)).map((format) => (
            <a key={format} href={`${image.url}/download?format=${format}`} download className="font-medium text-ink underline-offset-2 hover:underline">
              {t("results.download", { format: format.toUpperCase() })}
              <span className="sr-only">{t("results.downloadOf", { alt: image.alt })}</span>
            </a>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}

function EmptyCanvas({ ratio, failed }: { ratio: string; failed: boolean }) {
  const t = useT();
  return (
    <div
      className="flex w-full items-center justify-center rounded-card border border-dashed border-line bg-surface/60 p-8 text-center"
      style={{ aspectRatio: ratio, maxHeight: "70vh" }}
    >
      <p className="max-w-xs text-sm text-muted">
        {failed
          ? t("results.failed")
          : t("results.empty")}
      </p>
    </div>
  );
}

function IterationMeta() {
  const iteration = useCurrentIteration();
  const t = useT();
  if (!iteration) return null;
  const tokens = [iteration.refineUsage, ...iteration.critiques.map((c) => c.usage)].reduce(
    (sum, u) => sum + (u ? u.inputTokens + u.outputTokens : 0),
    0,
  );
  const seconds = (ms?: number) => (ms === undefined ? "—" : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
  const providers = iteration.params.compare ? [...new Set(iteration.images.map((i) => i.source?.providerLabel).filter(Boolean))].join(" vs ") : null;
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-xs text-muted sm:grid-cols-4">
      <div>
        <dt className="inline">{providers ? t("results.metaCompare") : t("results.metaProvider")} </dt>
        <dd className="inline text-ink">{providers ?? `${iteration.providerLabel} · ${iteration.model}`}</dd>
      </div>
      <div>
        <dt className="inline">{t("results.metaSeed")} </dt>
        <dd className="inline font-mono text-ink">{iteration.seed ?? "—"}</dd>
      </div>
      <div>
        <dt className="inline">{t("results.metaTime")} </dt>
        <dd className="inline text-ink">
          {t("results.metaTimeValue", { render: seconds(iteration.timings.generateMs), critique: seconds(iteration.timings.critiqueMs) })}
        </dd>
      </div>
      <div>
        <dt className="inline">{t("results.metaTokens")} </dt>
        <dd className="inline tabular-nums text-ink">{tokens.toLocaleString("en-US")}</dd>
      </div>
      {iteration.notes.map((note) => (
        <p key={note} className={`col-span-full ${isReferenceRouteNote(note) ? "text-muted" : "text-warn"}`}>
          {note}
        </p>
      ))}
    </dl>
  );
}
