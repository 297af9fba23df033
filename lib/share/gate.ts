import "server-only";
import { plainPage } from "@/lib/server/plain-page";
import { lookupShare } from "./lookup";

/*
 * Next pages cannot answer 410 (only 404, 401 and 403 have page-level helpers), so the proxy
 * asks this gate first: a revoked or expired link is answered here with 410 and never reaches
 * the page. Unknown and malformed tokens pass through to the page, which answers 404.
 */

const SHARE_PATH = /^\/s\/([^/]+)(?:\/|$)/;

/** The response for a share URL that must not be served, or null to let the request through. */
export async function shareGate({ pathname }: { pathname: string }): Promise<Response | null> {
  const token = SHARE_PATH.exec(pathname)?.[1];
  if (!token) return null;
  try {
    const found = await lookupShare({ token });
    return found.status === "gone" ? goneResponse() : null;
  } catch (error) {
    // The page repeats the lookup and refuses inactive links itself; a failing gate must not take it down.
    console.error("[loupe] share gate lookup failed", error);
    return null;
  }
}

export const shareResponseHeaders = {
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
} as const;

function goneResponse(): Response {
  return new Response(GONE_HTML, {
    status: 410,
    headers: {
      ...shareResponseHeaders,
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

const GONE_HTML = plainPage({
  lang: "en",
  title: "Link no longer available",
  code: "410 · GONE",
  heading: "This link is no longer available",
  body: "Its owner revoked it, or it expired. Ask them for a new link.",
});
