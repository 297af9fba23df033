import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The client's address as Loupe counts it. Next's server writes the socket address into
 * `x-forwarded-for` only when the request arrives without one, and route handlers and server
 * actions see nothing else; so with `hops` reverse proxies in front (each appending the address it
 * saw), the client is the `hops`-th entry from the right, and everything left of it is whatever
 * the client chose to send. With no proxy (`hops` 0) the last entry is used. SECURITY.md says
 * what that means for a server exposed directly.
 */
export function clientIp({ forwardedFor, hops }: { forwardedFor: string | null; hops: number }): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const fromRight = Math.max(hops, 1);
  // Fewer entries than trusted proxies means a proxy is missing: count the request under one shared key rather than trust the client.
  const address = entries.length >= fromRight ? entries[entries.length - fromRight] : undefined;
  return normaliseAddress(address ?? "unknown");
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the same client as `1.2.3.4`; keys are capped so a forged header cannot bloat the store. */
function normaliseAddress(address: string): string {
  const unmapped = address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return unmapped.slice(0, 64);
}

/** The address of the request being handled (route handler or server action). */
export async function currentClientIp(): Promise<string> {
  return clientIp({ forwardedFor: (await headers()).get("x-forwarded-for"), hops: env().LOUPE_TRUSTED_PROXY_HOPS });
}
