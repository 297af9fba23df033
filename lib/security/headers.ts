import "server-only";
/*
 * The security headers every response carries, set in proxy.ts. Scripts run only with the
 * per-request nonce: Next reads it from the request's Content-Security-Policy header and puts
 * it on its own inline and chunk scripts, and 'strict-dynamic' lets those load the rest.
 * No `server-only` import: the proxy bundle imports this too, and nothing here is secret.
 */

/** 128 random bits, fresh for every request. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    // React's dev build evaluates source maps with eval; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // style attributes (score bars, swatches) cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers beside the CSP; HSTS only in production, where the site is served over HTTPS. */
export function baseSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()",
    ...(production ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/**
 * Adds the headers to a response the proxy returns or passes on. A header already there wins:
 * the share pages' stricter Referrer-Policy, and a 410 page's own headers.
 */
export function applySecurityHeaders(response: Response, { csp, production }: { csp: string | null; production: boolean }): Response {
  const headers = { ...baseSecurityHeaders({ production }), ...(csp ? { "content-security-policy": csp } : {}) };
  for (const [name, value] of Object.entries(headers)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}
