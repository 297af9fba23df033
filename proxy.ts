import { NextResponse, type NextRequest } from "next/server";
import { isSignedIn, passwordRequired, SIGN_IN_COOKIE } from "@/lib/auth/team-password";
import { applySecurityHeaders, contentSecurityPolicy, createNonce } from "@/lib/security/headers";
import { isCrossOrigin, isOversizedAction } from "@/lib/security/request-guards";
import { shareGate, shareResponseHeaders } from "@/lib/share/gate";

/*
 * Runs before routing (Node.js runtime, same process as the app, so it shares the database
 * handle). Four jobs: every response gets the security headers, with a fresh CSP nonce that
 * Next reads from the request and puts on its scripts; cross-site and oversized action calls
 * are refused with a 4xx; revoked or expired share links answer 410, which a page cannot; and
 * with LOUPE_PASSWORD set, everything but share links, their images, the sign-in page, the CJK
 * font and the health check asks for the team password first.
 */
const PUBLIC = [/^\/s\//, /^\/fonts\//, /^\/api\/health$/, /^\/api\/images\/[0-9a-f]{64}\.\w+$/, /^\/sign-in$/, /^\/favicon\.ico$/];
// The image route sends its own sandboxing CSP; a page CSP on top would loosen nothing but muddle it.
const OWN_CSP = /^\/api\/images\//;

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  const production = process.env.NODE_ENV === "production";
  const csp = OWN_CSP.test(pathname) ? null : contentSecurityPolicy({ nonce: createNonce(), dev: !production });
  const response = await route({ request, csp });
  // Share links are capabilities: their token must not leave in a Referer.
  if (pathname.startsWith("/s/")) response.headers.set("referrer-policy", shareResponseHeaders["referrer-policy"]);
  return applySecurityHeaders(response, { csp, production });
}

async function route({ request, csp }: { request: NextRequest; csp: string | null }): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  if (isCrossOrigin(request)) {
    return NextResponse.json({ error: { code: "forbidden", message: "Requests from other sites are not accepted.", retryable: false } }, { status: 403 });
  }
  if (await isOversizedAction(request)) {
    return NextResponse.json({ error: { code: "too_large", message: "That request is too large.", retryable: false } }, { status: 413 });
  }
  const gone = await shareGate({ pathname });
  if (gone) return gone;
  if (!passwordRequired() || PUBLIC.some((p) => p.test(pathname))) return pass({ request, csp });
  if (isSignedIn(request.cookies.get(SIGN_IN_COOKIE)?.value)) return pass({ request, csp });
  if (request.method !== "GET" && request.method !== "HEAD") {
    return NextResponse.json({ error: { code: "forbidden", message: "Sign in first.", retryable: false } }, { status: 401 });
  }
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

/** On to the app, with the CSP on the request too: that is where Next finds the nonce. */
function pass({ request, csp }: { request: NextRequest; csp: string | null }): NextResponse {
  if (!csp) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything except Next's own static assets and stored image bytes (/api/images/<sha256>.<ext>,
  // not its /download): those are public, carry no nonce and set their own headers, so the proxy
  // would only add work to the most frequent request a page makes.
  matcher: ["/((?!_next/static|_next/image|api/images/[0-9a-f]{64}\\.(?:png|jpg|webp|gif)(?!/)|api/videos/[0-9a-f]{64}\\.(?:webm|mp4|mov)(?!/)|api/describe/video$).*)"],
};
