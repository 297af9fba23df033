"use client";

import { aspectRatioToCss } from "./aspect";
import { useCurrentIteration } from "./current-iteration";
import { useStudio } from "./studio-context";

/** The images of the current iteration, with what made them. */
export function Results() {
  const iteration = useCurrentIteration();
  const stage = useStudio((s) => s.stage);
  const params = useStudio((s) => s.params);
  const rendering = stage === "generating";
  const ratio = aspectRatioToCss(iteration && !rendering ? iteration.params.aspectRatio : params.aspectRatio);
  const count = rendering ? params.n : (iteration?.images.length ?? 0);

  return (
    <section aria-label="Results" className="flex min-w-0 flex-col gap-3">
      {count === 0 ? (
        <EmptyCanvas ratio={ratio} failed={iteration?.status === "failed"} />
      ) : (
        <div className={`grid gap-3 ${count > 1 ? "grid-cols-2" : "grid-cols-1"}`}>
          {rendering
            ? Array.from({ length: count }, (_, i) => (
                <div key={i} className="skeleton w-full rounded-card" style={{ aspectRatio: ratio }} aria-hidden="true" />
              ))
            : iteration!.images.map((image) => (
                <figure key={image.id} className="overflow-hidden rounded-card border border-line bg-sunken shadow-card">
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
                  <figcaption className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-line bg-surface px-3 py-2 text-xs text-muted">
                    {image.providerRevisedPrompt ? (
                      <span className="w-full">
                        Provider rewrote the prompt: <span className="text-ink">{image.providerRevisedPrompt}</span>
                      </span>
                    ) : null}
                    <span className="tabular-nums">
                      {image.width}×{image.height}
                    </span>
                    <span className="ml-auto flex gap-3">
                      {(["png", "webp"] as const).map((format) => (
                        <a
                          key={format}
                          href={`${image.url}/download?format=${format}`}
                          download
                          className="font-medium text-ink underline-offset-2 hover:underline"
                        >
                          Download {format.toUpperCase()}
                          <span className="sr-only"> of {image.alt}</span>
                        </a>
                      ))}
                    </span>
                  </figcaption>
                </figure>
              ))}
        </div>
      )}
      {iteration && !rendering ? <IterationMeta /> : null}
    </section>
  );
}

function EmptyCanvas({ ratio, failed }: { ratio: string; failed: boolean }) {
  return (
    <div
      className="flex w-full items-center justify-center rounded-card border border-dashed border-line bg-surface/60 p-8 text-center"
      style={{ aspectRatio: ratio, maxHeight: "70vh" }}
    >
      <p className="max-w-xs text-sm text-muted">
        {failed
          ? "This render failed — your prompt is kept. Adjust it or try again."
          : "Your image appears here. Write a draft, refine it, and press Generate."}
      </p>
    </div>
  );
}

function IterationMeta() {
  const iteration = useCurrentIteration();
  if (!iteration) return null;
  const tokens = [iteration.refineUsage, ...iteration.critiques.map((c) => c.usage)].reduce(
    (sum, u) => sum + (u ? u.inputTokens + u.outputTokens : 0),
    0,
  );
  const seconds = (ms?: number) => (ms === undefined ? "—" : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-xs text-muted sm:grid-cols-4">
      <div>
        <dt className="inline">Provider </dt>
        <dd className="inline text-ink">
          {iteration.providerLabel} · {iteration.model}
        </dd>
      </div>
      <div>
        <dt className="inline">Seed </dt>
        <dd className="inline font-mono text-ink">{iteration.seed ?? "—"}</dd>
      </div>
      <div>
        <dt className="inline">Time </dt>
        <dd className="inline text-ink">
          render {seconds(iteration.timings.generateMs)} · critique {seconds(iteration.timings.critiqueMs)}
        </dd>
      </div>
      <div>
        <dt className="inline">Claude tokens </dt>
        <dd className="inline tabular-nums text-ink">{tokens.toLocaleString("en-US")}</dd>
      </div>
      {iteration.notes.map((note) => (
        <p key={note} className="col-span-full text-warn">
          {note}
        </p>
      ))}
    </dl>
  );
}
