import { baseSecurityHeaders } from "@/lib/security/headers";
import { databaseHealth } from "@/lib/server/health";

/**
 * Health for load balancers and orchestrators running several stateless instances: 200 while
 * the process serves and its database answers, 503 with the reason when the database does not
 * (so the balancer stops sending designers to an instance that can only fail them). The
 * database probe is shared and kept for a moment (lib/server/health.ts), so a probe every
 * second costs one query every two. Storage is not probed: a slow bucket must not get a
 * healthy instance killed. The answer names no host, address or credential. The proxy does not
 * run for it (a probe every second needs none of its work), so it sets its own headers.
 */
export async function GET(): Promise<Response> {
  const health = await databaseHealth();
  const headers = { ...HEADERS, "cache-control": "no-store" };
  if (health.ok) return Response.json({ ok: true }, { headers });
  return Response.json({ ok: false, reason: health.reason, message: "The database is unreachable." }, { status: 503, headers });
}

const HEADERS = { ...baseSecurityHeaders({ production: process.env.NODE_ENV === "production" }), "content-security-policy": "default-src 'none'; frame-ancestors 'none'" };
