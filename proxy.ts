import { NextResponse, type NextRequest } from "next/server";
import { shareGate } from "@/lib/share/gate";

/*
 * Runs before routing (Node.js runtime, same process as the app, so it shares the database
 * handle). Today it only answers revoked or expired share links with 410, which a page cannot.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  return (await shareGate({ pathname: request.nextUrl.pathname })) ?? NextResponse.next();
}

export const config = {
  matcher: ["/s/:path*"],
};
