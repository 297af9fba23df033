import "server-only";
import { createHash } from "node:crypto";
import { translator } from "@/lib/i18n/dictionaries";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { baseSecurityHeaders } from "@/lib/security/headers";
import { plainPage } from "@/lib/server/plain-page";
import { databaseUnavailableResponse } from "@/lib/server/unavailable";
import { cachedPage, rememberPage } from "./share-cache";
import { renderSharePage } from "./share-html";
import { loadSharePageData } from "./share-page";
import { hashShareToken } from "./token";

/*
 * GET /s/<token>: the share page, answered by its route handler alone. The proxy does not run
 * for it (its matcher leaves share links out), so this sets every header the proxy would, and
 * answers 404 (unknown), 410 (revoked or expired) and 503 (database away) itself. One lookup
 * per request, through the share cache (lookup.ts decides whether the link still works); an
 * active link's HTML is rendered once per language and origin and kept with the cache entry.
 */

export const shareResponseHeaders = {
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
} as const;

// No script may run at all: the page has none. Styles are inline (and the score bars' widths are style attributes).
const SHARE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // A shared clip plays from the link's own /s/<token>/videos/<key> route.
  "media-src 'self'",
  "font-src 'self' data:",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

function headersFor({ status, etag }: { status: number; etag?: string }): Record<string, string> {
  return {
    ...baseSecurityHeaders({ production: process.env.NODE_ENV === "production" }),
    ...shareResponseHeaders,
    "content-security-policy": SHARE_PAGE_CSP,
    "content-type": "text/html; charset=utf-8",
    // A browser may keep the page but must ask every time (answered 304 from the ETag): a revoked link stops showing at once.
    "cache-control": status === 200 ? "private, no-cache" : "no-store",
    ...(etag ? { etag } : {}),
  };
}

export async function sharePageResponse({ token, request }: { token: string; request: Request }): Promise<Response> {
  const locale = localeOf(request);
  let data: Awaited<ReturnType<typeof loadSharePageData>>;
  try {
    data = await loadSharePageData(token);
  } catch (error) {
    console.error("[loupe] share page: the database did not answer", error instanceof Error ? error.message : error);
    const unavailable = databaseUnavailableResponse({ chosenLocale: locale, acceptLanguage: null });
    return new Response(unavailable.body, { status: 503, headers: { ...headersFor({ status: 503 }), "retry-after": "30" } });
  }
  if (data.status === "not_found") return new Response(notFoundHtml(locale), { status: 404, headers: headersFor({ status: 404 }) });
  if (data.status === "gone") return new Response(GONE_HTML, { status: 410, headers: headersFor({ status: 410 }) });

  const origin = originOf(request);
  const tokenHash = hashShareToken(token);
  const variant = `${locale} ${origin}`;
  let page = cachedPage({ tokenHash, variant });
  if (!page) {
    const html = renderSharePage({ work: data.work, token, origin, t: translator(locale), locale });
    page = { html, etag: `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"` };
    rememberPage({ tokenHash, variant, page });
  }
  const headers = headersFor({ status: 200, etag: page.etag });
  if (request.headers.get("if-none-match") === page.etag) return new Response(null, { status: 304, headers });
  return new Response(page.html, { status: 200, headers });
}

const LOCALE_IN_COOKIES = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`);

/** The chosen language (cookie), else the browser's; read from the raw headers, no framework call. */
function localeOf(request: Request): Locale {
  const chosen = LOCALE_IN_COOKIES.exec(request.headers.get("cookie") ?? "")?.[1];
  return isLocale(chosen) ? chosen : negotiateLocale(request.headers.get("accept-language"));
}

/** The origin the visitor used, so the preview URL works behind any host name or proxy. */
function originOf(request: Request): string {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  // A host header is the client's to write: keep only what a host name can hold.
  return /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? `${proto}://${host}` : new URL(request.url).origin;
}

/** Unknown and malformed links: the same answer for both, so tokens cannot be probed. */
function notFoundHtml(locale: Locale): string {
  const t = translator(locale);
  return plainPage({ lang: locale, title: t("shared.unavailable"), code: "404 · NOT FOUND", heading: t("shared.notFoundTitle"), body: t("shared.notFoundBody"), cjk: locale === "zh-CN" });
}

const GONE_HTML = plainPage({
  lang: "en",
  title: "Link no longer available",
  code: "410 · GONE",
  heading: "This link is no longer available",
  body: "Its owner revoked it, or it expired. Ask them for a new link.",
});
