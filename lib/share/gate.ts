import "server-only";
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

// Self-contained (no app CSS or JS): this answer is made before the app renders anything.
const GONE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Link no longer available · Loupe</title>
<style>
  :root { color-scheme: light dark; --paper: #f5f3ee; --surface: #fffefb; --ink: #16151b; --muted: #5d5a66; --line: #dcd8ce; --accent: #d6401f; }
  @media (prefers-color-scheme: dark) { :root { --paper: #111014; --surface: #1a191f; --ink: #f1efe9; --muted: #a9a5b3; --line: #2e2c35; --accent: #ff7a52; } }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; background: var(--paper); color: var(--ink);
    font: 15px/1.55 ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif; }
  main { max-width: 28rem; margin: 1.5rem; padding: 2rem; border: 1px solid var(--line); border-radius: 14px; background: var(--surface); }
  .brand { display: flex; align-items: center; gap: .5rem; font-weight: 600; letter-spacing: -.01em; margin-bottom: 1.5rem; }
  .code { font: 600 12px/1 ui-monospace, monospace; color: var(--accent); letter-spacing: .08em; }
  h1 { font-size: 1.35rem; line-height: 1.25; margin: .4rem 0 .6rem; letter-spacing: -.015em; }
  p { margin: 0; color: var(--muted); }
</style>
</head>
<body>
<main>
  <div class="brand">
    <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none"><circle cx="10" cy="10" r="6.5" stroke="currentColor" stroke-width="2.2"/><circle cx="10" cy="10" r="2.6" fill="var(--accent)"/><path d="M15 15l6 6" stroke="currentColor" stroke-width="2.6" stroke-linecap="round"/></svg>
    Loupe
  </div>
  <p class="code">410 · GONE</p>
  <h1>This link is no longer available</h1>
  <p>Its owner revoked it, or it expired. Ask them for a new link.</p>
</main>
</body>
</html>`;
