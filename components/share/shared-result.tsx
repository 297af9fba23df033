import { formatDate, plural, type Locale, type Translate } from "@/lib/i18n";
import { getTranslator } from "@/lib/i18n/server";
import { formatScore } from "@/lib/schemas/score";
import { leadVariant, type SharedIteration, type SharedVariant, type SharedWork } from "@/lib/schemas/shared-work";
import { LoupeMark } from "./brand";
import { SharedCritiqueView } from "./shared-critique";

/*
 * The public, read-only view of a share link. Server components only: the page ships no
 * component JavaScript of its own, and renders from `SharedWork`, which holds nothing but
 * what was shared.
 */
export async function SharedResult({ work, token }: { work: SharedWork; token: string }) {
  const { t, locale } = await getTranslator();
  const steps = work.earlier.length + 1;
  return (
    <>
      <header className="border-b border-line bg-paper/85">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 lg:px-6">
          <span className="flex items-center gap-2 font-semibold tracking-tight">
            <LoupeMark />
            Loupe
          </span>
          <span className="ml-auto rounded-full border border-line bg-surface px-2.5 py-0.5 text-xs font-medium text-muted">
            {work.scope === "trail" ? plural(t, "shared.badgeTrail", steps) : t("shared.badgeIteration")}
          </span>
        </div>
      </header>
      <main className="mx-auto flex max-w-6xl flex-col gap-12 px-4 py-8 lg:px-6">
        <FeaturedIteration iteration={work.featured} step={work.scope === "trail" ? steps : null} token={token} t={t} locale={locale} />
        {work.earlier.length > 0 ? <Trail earlier={work.earlier} t={t} locale={locale} /> : null}
        <ShareFooter work={work} t={t} locale={locale} />
      </main>
    </>
  );
}

type Words = { t: Translate; locale: Locale };

function FeaturedIteration({ iteration, step, token, t, locale }: { iteration: SharedIteration; step: number | null; token: string } & Words) {
  const lead = leadVariant(iteration);
  const leadIndex = lead ? iteration.variants.indexOf(lead) : -1;
  return (
    <article aria-labelledby="shared-heading" className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(300px,380px)]">
      <div className="flex min-w-0 flex-col gap-5">
        <h1 id="shared-heading" className="sr-only">
          {step ? t("shared.stepOfTrail", { step }) : t("shared.anIteration")}
        </h1>
        <section aria-label={t("results.label")}>
          <Images variants={iteration.variants} token={token} t={t} />
        </section>
        <PromptBlock iteration={iteration} t={t} locale={locale} />
      </div>
      <section aria-label={t("critique.heading")} className="flex min-w-0 flex-col gap-4">
        <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">{t("critique.heading")}</h2>
        {lead?.critique ? (
          <SharedCritiqueView
            critique={lead.critique}
            caption={iteration.variants.length > 1 ? t("shared.variantOf", { n: leadIndex + 1, total: iteration.variants.length }) : undefined}
            t={t}
          />
        ) : (
          <p className="text-sm text-muted">{t("shared.notCritiqued")}</p>
        )}
      </section>
    </article>
  );
}

function Images({ variants, compact = false, token, t }: { variants: SharedVariant[]; compact?: boolean; token?: string; t: Translate }) {
  if (variants.length === 0) {
    return (
      <div className="flex aspect-square w-full items-center justify-center rounded-card border border-dashed border-line bg-surface/60 p-8">
        <p className="text-sm text-muted">{t("shared.noImage")}</p>
      </div>
    );
  }
  return (
    <div className={`grid gap-3 ${variants.length > 1 ? "grid-cols-2" : "grid-cols-1"}`}>
      {variants.map(({ image, critique, video }, i) => (
        <figure key={image.url + i} className="overflow-hidden rounded-card border border-line bg-sunken shadow-card">
          {video && token && !compact ? (
            // The clip plays from the link's own URL (Range requests, no cookie), its poster first.
            <video
              controls
              playsInline
              preload="metadata"
              poster={image.url}
              aria-label={image.alt}
              width={image.width}
              height={image.height}
              className="h-auto max-h-[78vh] w-full bg-ink object-contain"
              style={{ aspectRatio: `${image.width} / ${image.height}` }}
            >
              <source src={sharedVideoUrl({ token, key: video.key })} type={video.mediaType} />
            </video>
          ) : (
          <>
          {/* Stored bytes are served content-addressed and immutable; next/image would add client JS and re-encode them. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={image.url}
            // A phone gets the 512 or 1024 px rendition instead of the full size (the route picks AVIF/WebP).
            srcSet={`${image.url}?w=512 512w, ${image.url}?w=1024 1024w, ${image.url} ${image.width}w`}
            // Widths from the layout: a trail's thumbnails ≤ 240 px; the main column ≤ ~740 px beside the critique.
            sizes={compact ? "240px" : variants.length > 1 ? "(min-width: 1024px) 370px, 50vw" : "(min-width: 1024px) 740px, 100vw"}
            alt={image.alt}
            width={image.width}
            height={image.height}
            loading={compact ? "lazy" : "eager"}
            // The shared picture is what the page is for (and its largest paint): fetch it first.
            fetchPriority={!compact && i === 0 ? "high" : "auto"}
            decoding="async"
            className={`h-auto w-full ${compact ? "" : "max-h-[78vh] object-contain"}`}
            style={{ aspectRatio: `${image.width} / ${image.height}` }}
          />
          </>
          )}
          {variants.length > 1 ? (
            <figcaption className="border-t border-line px-3 py-1.5 text-xs text-muted">
              {t("shared.variant", { n: i + 1 })}
              {critique ? ` · ${formatScore(critique.overall)}/10` : ""}
            </figcaption>
          ) : null}
        </figure>
      ))}
    </div>
  );
}

function PromptBlock({ iteration, t, locale }: { iteration: SharedIteration } & Words) {
  return (
    <div className="rounded-card border border-line bg-surface p-4">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">{t("shared.prompt")}</h2>
      <p className="font-mono text-[13px] leading-relaxed whitespace-pre-wrap">{iteration.prompt}</p>
      <p className="mt-3 text-xs text-muted">
        {t("shared.renderedBy", { provider: iteration.providerLabel })}
        {iteration.model ? ` · ${iteration.model}` : ""} · <Time iso={iteration.createdAt} locale={locale} />
      </p>
    </div>
  );
}

function Trail({ earlier, t, locale }: { earlier: SharedIteration[] } & Words) {
  return (
    <section aria-labelledby="trail-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="trail-heading" className="text-lg font-semibold tracking-tight">
          {t("shared.howItGotHere")}
        </h2>
        <p className="text-sm text-muted">{plural(t, "shared.before", earlier.length)}</p>
      </div>
      <ol className="flex flex-col gap-4">
        {earlier.map((iteration, i) => (
          <TrailStep key={iteration.id} iteration={iteration} step={i + 1} t={t} locale={locale} />
        ))}
      </ol>
    </section>
  );
}

function TrailStep({ iteration, step, t }: { iteration: SharedIteration; step: number } & Words) {
  const lead = leadVariant(iteration);
  return (
    <li className="grid gap-4 rounded-card border border-line bg-surface p-4 sm:grid-cols-[180px_minmax(0,1fr)]">
      <div className="max-w-[240px]">
        <Images variants={lead ? [lead] : []} compact t={t} />
      </div>
      <div className="flex min-w-0 flex-col gap-2">
        <div className="flex items-baseline justify-between gap-3">
          <h3 className="text-sm font-semibold">{t("shared.step", { step })}</h3>
          {lead?.critique ? (
            <p className="font-semibold tabular-nums">
              {formatScore(lead.critique.overall)}
              <span className="text-muted">/10</span>
            </p>
          ) : null}
        </div>
        <p className="font-mono text-xs leading-relaxed whitespace-pre-wrap">{iteration.prompt}</p>
        {lead?.critique ? (
          // <details> opens without JavaScript.
          <details className="group text-sm">
            <summary className="cursor-pointer text-xs font-medium text-muted hover:text-ink">{t("critique.heading")}</summary>
            <div className="mt-3">
              <SharedCritiqueView critique={lead.critique} t={t} />
            </div>
          </details>
        ) : null}
      </div>
    </li>
  );
}

function ShareFooter({ work, t, locale }: { work: SharedWork } & Words) {
  const date = (iso: string) => `\u0000${iso}\u0000`;
  // Dates are <time> elements inside translated sentences: split the sentence at their markers.
  const sentence = t("shared.footer", { date: date(work.createdAt) }) + (work.expiresAt ? t("shared.footerExpires", { date: date(work.expiresAt) }) : "");
  return (
    <footer className="border-t border-line pt-5 text-xs text-muted">
      {sentence.split("\u0000").map((part, i) => (i % 2 === 1 ? <Time key={i} iso={part} locale={locale} /> : part))}
    </footer>
  );
}

function Time({ iso, locale }: { iso: string; locale: Locale }) {
  return <time dateTime={iso}>{formatDate({ locale, iso })}</time>;
}

/** A shared clip's URL: served for as long as the link is active, to anyone holding it. */
export function sharedVideoUrl({ token, key }: { token: string; key: string }): string {
  return `/s/${token}/videos/${key}`;
}
