import { NextResponse, type NextRequest } from "next/server";
import { isSignedIn, passwordRequired, SIGN_IN_COOKIE } from "@/lib/auth/team-password";
import { env } from "@/lib/env";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { applySecurityHeaders, contentSecurityPolicy, createNonce } from "@/lib/security/headers";
import { actionBodyProblem, bodyArrived, hasMalformedEscape, isCrossOrigin, isOversizedAction } from "@/lib/security/request-guards";
import { databaseHealth } from "@/lib/server/health";
import { databaseUnavailableResponse } from "@/lib/server/unavailable";

/*
 * Runs before routing (Node.js runtime, same process as the app, so it shares the database
 * handle). Its jobs: every response gets the security headers, with a fresh CSP nonce that
 * Next reads from the request and puts on its scripts; paths with broken percent-escapes answer
 * 404 (Next's router would answer a bare 500); cross-site, oversized and undecodable action
 * calls are refused with a 4xx; pages answer a friendly 503 while the database does not; and
 * with LOUPE_PASSWORD set, everything but share links, their images, the sign-in page, the CJK
 * font and the health check asks for the team password first. Share links and the health check
 * answer for themselves (see the matcher below).
 */
const PUBLIC = [/^\/s\//, /^\/fonts\//, /^\/api\/health$/, /^\/api\/images\/[0-9a-f]{64}\.\w+$/, /^\/sign-in$/, /^\/favicon\.ico$/];
// The image and clip routes send their own sandboxing CSP; a page CSP on top would loosen nothing but muddle it.
const OWN_CSP = /^\/api\/(images|videos)\/|^\/s\/[^/]+\/(images|videos)\//;
// Page navigations, which the friendly 503 answers while the database is away (APIs say it in JSON themselves).
const API_OR_ASSET = /^\/(api|_next|fonts)\/|^\/s\/[^/]+\/(images|videos|opengraph-image)|^\/favicon\.ico$/;

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  const production = process.env.NODE_ENV === "production";
  const csp = OWN_CSP.test(pathname) ? null : contentSecurityPolicy({ nonce: createNonce(), dev: !production });
  const response = await route({ request, csp });
  // Share links are capabilities: their token must not leave in a Referer (their preview image and odd paths still pass here).
  if (pathname.startsWith("/s/")) response.headers.set("referrer-policy", "no-referrer");
  return applySecurityHeaders(response, { csp, production });
}

const refusal = (status: number, code: string, message: string) => NextResponse.json({ error: { code, message, retryable: false } }, { status });

async function route({ request, csp }: { request: NextRequest; csp: string | null }): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  if (hasMalformedEscape(pathname)) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  if (isCrossOrigin(request, { trustForwardedHost: env().LOUPE_TRUSTED_PROXY_HOPS > 0 })) {
    return refusal(403, "forbidden", "Requests from other sites are not accepted.");
  }
  if (await isOversizedAction(request).catch(() => false)) return refusal(413, "too_large", "That request is too large.");
  const problem = await actionBodyProblem(request);
  // A client that hung up hears nothing either way; answering here keeps the framework from logging its hang-up as an error.
  if (problem === "aborted") return new Response(null, { status: 400 });
  if (problem) return refusal(400, "bad_request", "That request could not be read.");
  if (!request.headers.has("next-action") && !(await bodyArrived(request))) return new Response(null, { status: 400 });
  if (isPageNavigation(request)) {
    const health = await databaseHealth();
    if (!health.ok) return databaseUnavailableResponse({ chosenLocale: request.cookies.get(LOCALE_COOKIE)?.value, acceptLanguage: request.headers.get("accept-language") });
  }
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

function isPageNavigation(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (API_OR_ASSET.test(request.nextUrl.pathname) || request.headers.has("rsc")) return false;
  return (request.headers.get("accept") ?? "").includes("text/html");
}

/** On to the app, with the CSP on the request too: that is where Next finds the nonce. */
function pass({ request, csp }: { request: NextRequest; csp: string | null }): NextResponse {
  if (!csp) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages and actions only. Left out, because they answer for themselves (their own security
  // headers, no nonce to hand out, no body, public or checked by their own capability) and the
  // proxy would only add its cost to the most frequent requests:
  // - Next's static assets;
  // - stored image bytes, /api/images/<sha256>.<ext> (not its /download), and stored clips,
  //   /api/videos/<sha256>.<ext> (the route checks the owner cookie itself);
  // - /api/health, which load balancers call every second;
  // - /api/describe/video, whose body is a clip of up to 200 MB: the proxy would buffer it whole,
  //   so the route streams it to disk and does the same-origin and team-password checks itself;
  // - share pages, /s/<token> with a well-formed 43-character token, their images and their clips
  //   (lib/share/share-response.ts and the routes answer 404/410/503 themselves). Anything else
  //   under /s/ (a broken escape, a malformed token, the preview image) still comes through here.
  matcher: [
    "/((?!_next/static|_next/image|api/health$|api/images/[0-9a-f]{64}\\.(?:png|jpg|webp|gif)(?!/)|api/videos/[0-9a-f]{64}\\.(?:webm|mp4|mov)(?!/)|api/describe/video$|s/[A-Za-z0-9_-]{43}(?:/images/[0-9a-f]{64}\\.(?:png|jpg|webp|gif)|/videos/[0-9a-f]{64}\\.(?:webm|mp4|mov))?$).*)",
  ],
};
