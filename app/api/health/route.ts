/**
 * Liveness for load balancers and orchestrators running several stateless instances: the
 * process is up and serving requests. It touches neither the database nor storage, so a slow
 * dependency never gets a healthy instance killed, and a probe every second costs nothing.
 */
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
