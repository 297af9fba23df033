import "server-only";
/*
 * Checks the proxy makes before a request reaches Next. No `server-only`: the proxy bundle
 * imports this, and nothing here is secret.
 */

/** The server-action body limit; next.config.ts sets the same ("1mb") for Next's own check. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * A state-changing request whose Origin is another site, or `null` (CSRF). Next checks server
 * actions itself; checking here gives the API routes the same check and every refusal the same
 * clear 403. No Origin header at all (curl, server-to-server) is let through: browsers send one
 * on every cross-site POST.
 */
export function isCrossOrigin(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * A server-action call whose body is over the limit. Next refuses it too, but with a 500; this
 * answers 413 first. Without a Content-Length (a chunked body) the proxy's buffered copy is measured.
 */
export async function isOversizedAction(request: Request): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > ACTION_BODY_LIMIT_BYTES;
  return (await request.clone().arrayBuffer()).byteLength > ACTION_BODY_LIMIT_BYTES;
}
