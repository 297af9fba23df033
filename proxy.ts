import { NextResponse, type NextRequest } from "next/server";
import { isSignedIn, passwordRequired, SIGN_IN_COOKIE } from "@/lib/auth/team-password";
import { shareGate } from "@/lib/share/gate";

/*
 * Runs before routing (Node.js runtime, same process as the app, so it shares the database
 * handle). Two jobs: revoked or expired share links answer 410, which a page cannot; and with
 * LOUPE_PASSWORD set, everything but share links, their images and the sign-in page asks
 * for the team password first.
 */
const PUBLIC = [/^\/s\//, /^\/api\/images\/[0-9a-f]{64}\.\w+$/, /^\/sign-in$/, /^\/favicon\.ico$/];

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const gone = await shareGate({ pathname });
  if (gone) return gone;
  if (!passwordRequired() || PUBLIC.some((p) => p.test(pathname))) return NextResponse.next();
  if (isSignedIn(request.cookies.get(SIGN_IN_COOKIE)?.value)) return NextResponse.next();
  if (request.method !== "GET" && request.method !== "HEAD") {
    return NextResponse.json({ error: { code: "forbidden", message: "Sign in first.", retryable: false } }, { status: 401 });
  }
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except Next's own static assets.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
