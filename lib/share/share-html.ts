import "server-only";
import { hasCjk } from "@/lib/i18n/cjk-text";
import { formatDate, plural, type Locale, type Translate } from "@/lib/i18n";
import { aspectKeys, formatScore } from "@/lib/schemas/score";
import { leadVariant, type SharedCritique, type SharedIteration, type SharedVariant, type SharedWork } from "@/lib/schemas/shared-work";
import { videoAspectKeys } from "@/lib/schemas/video";
import { html, rawHtml, type Html } from "./html";
import { SHARE_PAGE_CSS } from "./share-page-css";
import { sharedVideoUrl } from "./shared-work";

/*
 * The share page as one HTML document, made on the server and sent as is: no React, no
 * framework runtime, no script of any kind. A visitor only reads (the image, the prompt, the
 * critique and the trail), so nothing needs hydrating; the trail's critiques open with
 * <details>. The stylesheet is inline (no render-blocking request), images carry their size
 * (no layout shift) and a srcset, and the first one is fetched first.
 */

type Words = { t: Translate; locale: Locale };

// The path of app/fonts/noto-sans-sc/[file] (lib/fonts/cjk.ts).
const CJK_STYLESHEET = "/fonts/noto-sans-sc/stylesheet.css";

const MARK = rawHtml(
  '<svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none"><circle cx="10" cy="10" r="6.5" stroke="currentColor" stroke-width="2.2"/><circle cx="10" cy="10" r="2.6" fill="var(--accent)"/><path d="M15 15l6 6" stroke="currentColor" stroke-width="2.6" stroke-linecap="round"/></svg>',
);

/** The whole page for an active link. `origin` makes the preview image URL absolute for unfurlers. */
export function renderSharePage({ work, token, origin, t, locale }: { work: SharedWork; token: string; origin: string } & Words): string {
  const meta = shareMeta({ work });
  // A clip's preview card (og:image) is made from its poster frame; the clip itself plays where the site can (og:video).
  const ogImage = `${origin}/s/${token}/opengraph-image`;
  const lead = leadVariant(work.featured);
  const ogVideo = lead?.video ? { url: `${origin}${sharedVideoUrl({ token, key: lead.video.key })}`, type: lead.video.mediaType, width: lead.image.width, height: lead.image.height } : null;
  const steps = work.earlier.length + 1;
  const page = html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title} · Loupe</title>
<meta name="description" content="${meta.description}">
<meta name="robots" content="noindex, nofollow, nocache">
<meta name="referrer" content="no-referrer">
<meta name="theme-color" media="(prefers-color-scheme: light)" content="#f5f3ee">
<meta name="theme-color" media="(prefers-color-scheme: dark)" content="#111014">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:site_name" content="Loupe">
<meta property="og:type" content="${ogVideo ? "video.other" : "website"}">
<meta property="og:image" content="${ogImage}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="${ogVideo ? "A clip" : "An image"} shared from Loupe, with its critique score">
${ogVideo ? html`<meta property="og:video" content="${ogVideo.url}">\n<meta property="og:video:type" content="${ogVideo.type}">\n<meta property="og:video:width" content="${ogVideo.width}">\n<meta property="og:video:height" content="${ogVideo.height}">\n` : ""}<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${meta.description}">
<meta name="twitter:image" content="${ogImage}">
${locale === "zh-CN" || hasCjk(JSON.stringify(work)) ? html`<link rel="stylesheet" href="${CJK_STYLESHEET}">\n` : ""}<style>${rawHtml(SHARE_PAGE_CSS)}</style>
</head>
<body>
<header class="top"><div class="topbar"><span class="brand">${MARK}Loupe</span><span class="badge">${work.scope === "trail" ? plural(t, "shared.badgeTrail", steps) : t("shared.badgeIteration")}</span></div></header>
<main class="page">
${featuredIteration({ iteration: work.featured, step: work.scope === "trail" ? steps : null, token, t, locale })}
${work.earlier.length > 0 ? trail({ earlier: work.earlier, t, locale }) : ""}
${footer({ work, t, locale })}
</main>
</body>
</html>
`;
  return page.__html;
}

/** Title and description for the page and its unfurl: score and prompt, then what was shared. */
export function shareMeta({ work }: { work: SharedWork }): { title: string; description: string } {
  const { featured, scope, earlier } = work;
  const lead = leadVariant(featured);
  const critique = lead?.critique;
  const score = critique ? `${formatScore(critique.overall)}/10` : null;
  const title = [score, clip(featured.prompt, 70)].filter(Boolean).join(" · ");
  const what = scope === "trail" ? `A trail of ${earlier.length + 1} iterations` : lead?.video ? "A clip" : "An image";
  const description = clip(`${what} shared from Loupe${score ? `, critiqued ${score}` : ""}. ${critique?.summary ?? featured.prompt}`, 200);
  return { title, description };
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function featuredIteration({ iteration, step, token, t, locale }: { iteration: SharedIteration; step: number | null; token: string } & Words): Html {
  const lead = leadVariant(iteration);
  const caption = iteration.variants.length > 1 && lead ? t("shared.variantOf", { n: iteration.variants.indexOf(lead) + 1, total: iteration.variants.length }) : undefined;
  return html`<article class="featured" aria-labelledby="shared-heading">
<div class="stack">
<h1 id="shared-heading" class="sr-only">${step ? t("shared.stepOfTrail", { step }) : t("shared.anIteration")}</h1>
<section aria-label="${t("results.label")}">${images({ variants: iteration.variants, token, t })}</section>
${promptBlock({ iteration, t, locale })}
</div>
<section aria-label="${t("critique.heading")}" class="critique">
<h2 class="label">${t("critique.heading")}</h2>
${lead?.critique ? critiqueView({ critique: lead.critique, caption, t }) : html`<p class="note">${t("shared.notCritiqued")}</p>`}
</section>
</article>`;
}

function images({ variants, compact = false, token, t }: { variants: SharedVariant[]; compact?: boolean; token?: string; t: Translate }): Html {
  if (variants.length === 0) return html`<div class="empty"><p class="note">${t("shared.noImage")}</p></div>`;
  // Widths from the layout: a trail's thumbnails ≤ 240 px; the main column ≤ ~740 px beside the critique.
  const sizes = compact ? "240px" : variants.length > 1 ? "(min-width: 1024px) 370px, 50vw" : "(min-width: 1024px) 740px, 100vw";
  const figures = variants.map(({ image, critique, video }, i) => {
    const caption = variants.length > 1 ? html`<figcaption>${t("shared.variant", { n: i + 1 })}${critique ? ` · ${formatScore(critique.overall)}/10` : ""}</figcaption>` : "";
    // A clip plays from the link's own URL (Range requests, no cookie), its poster first; the browser's own controls, no script.
    if (video && token && !compact) {
      return html`<figure><video controls playsinline preload="metadata" poster="${image.url}" aria-label="${image.alt}" width="${image.width}" height="${image.height}" class="main" style="aspect-ratio: ${image.width} / ${image.height}"><source src="${sharedVideoUrl({ token, key: video.key })}" type="${video.mediaType}"></video>${caption}</figure>`;
    }
    // The shared picture is what the page is for (and its largest paint): fetched first; a phone gets the 512 or 1024 px rendition.
    return html`<figure><img src="${image.url}" srcset="${image.url}?w=512 512w, ${image.url}?w=1024 1024w, ${image.url} ${image.width}w" sizes="${sizes}" alt="${image.alt}" width="${image.width}" height="${image.height}" loading="${compact ? "lazy" : "eager"}"${!compact && i === 0 ? rawHtml(' fetchpriority="high"') : ""} decoding="async"${compact ? "" : rawHtml(' class="main"')} style="aspect-ratio: ${image.width} / ${image.height}">${caption}</figure>`;
  });
  return html`<div class="images${variants.length > 1 ? " two" : ""}">${figures}</div>`;
}

function promptBlock({ iteration, t, locale }: { iteration: SharedIteration } & Words): Html {
  return html`<div class="card"><h2 class="label">${t("shared.prompt")}</h2><p class="prompt">${iteration.prompt}</p><p class="meta">${t("shared.renderedBy", { provider: iteration.providerLabel })}${iteration.model ? ` · ${iteration.model}` : ""} · ${time({ iso: iteration.createdAt, locale })}</p></div>`;
}

function critiqueView({ critique, caption, t }: { critique: SharedCritique; caption?: string; t: Translate }): Html {
  // Offline results are never labelled as Claude.
  const engine = critique.engine === "claude" ? t("critique.byClaude", { model: critique.model }) : t("critique.engineOffline");
  // A clip's critique has its own aspects (motion and temporal consistency…).
  const bars = ("motion" in critique.aspects ? videoAspectKeys : aspectKeys).map((key) => {
    const score = critique.aspects[key] ?? 0;
    const tone = score >= 7.5 ? "good" : score >= 5 ? "warn" : "bad";
    return html`<dt>${t(`aspect.${key}`)}</dt><dd class="bar" aria-hidden="true"><div class="${tone}" style="width: ${score * 10}%"></div></dd><dd class="num">${formatScore(score)}</dd>`;
  });
  const strengths = critique.strengths.length
    ? html`<div><h3 class="sub">${t("critique.working")}</h3><ul class="strengths">${critique.strengths.map((s) => html`<li><span aria-hidden="true" class="tick">✓</span>${s}</li>`)}</ul></div>`
    : "";
  const issues = critique.issues.length
    ? html`<div><h3 class="sub">${t("critique.issues")}</h3><ul class="issues">${critique.issues.map(
        (issue) =>
          html`<li><span><span class="severity"><span aria-hidden="true" class="dot ${issue.severity}"></span>${t(`critique.severity.${issue.severity}`)}</span> ${issue.at ? html`<span class="at">${issue.at} — </span>` : ""}${issue.problem}</span><span class="fix"><span>${t("critique.fix")}</span> ${issue.fix}</span></li>`,
      )}</ul></div>`
    : "";
  return html`<div class="verdict">
<div class="score"><p><span class="big">${formatScore(critique.overall)}</span><span class="of">/10</span></p><p class="engine">${caption ? html`${caption}<br>` : ""}${engine}</p></div>
<dl class="aspects">${bars}</dl>
<p class="summary">${critique.summary}</p>
${strengths}${issues}
</div>`;
}

function trail({ earlier, t }: { earlier: SharedIteration[] } & Words): Html {
  const steps = earlier.map((iteration, i) => {
    const lead = leadVariant(iteration);
    return html`<li class="step"><div class="thumb">${images({ variants: lead ? [lead] : [], compact: true, t })}</div><div class="stack tight"><div class="step-head"><h3>${t("shared.step", { step: i + 1 })}</h3>${
      lead?.critique ? html`<p class="step-score">${formatScore(lead.critique.overall)}<span>/10</span></p>` : ""
    }</div><p class="prompt small">${iteration.prompt}</p>${
      lead?.critique ? html`<details><summary>${t("critique.heading")}</summary><div class="opened">${critiqueView({ critique: lead.critique, t })}</div></details>` : ""
    }</div></li>`;
  });
  return html`<section aria-labelledby="trail-heading" class="trail"><div><h2 id="trail-heading">${t("shared.howItGotHere")}</h2><p class="note">${plural(t, "shared.before", earlier.length)}</p></div><ol>${steps}</ol></section>`;
}

function footer({ work, t, locale }: { work: SharedWork } & Words): Html {
  const marker = (iso: string) => `\u0000${iso}\u0000`;
  // Dates are <time> elements inside translated sentences: split the sentence at their markers.
  const sentence = t("shared.footer", { date: marker(work.createdAt) }) + (work.expiresAt ? t("shared.footerExpires", { date: marker(work.expiresAt) }) : "");
  return html`<footer class="foot">${sentence.split("\u0000").map((part, i) => (i % 2 === 1 ? time({ iso: part, locale }) : part))}</footer>`;
}

const time = ({ iso, locale }: { iso: string; locale: Locale }): Html => html`<time datetime="${iso}">${formatDate({ locale, iso })}</time>`;
