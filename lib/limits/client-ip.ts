import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/client-address";

/**
 * The client's address as Loupe counts it, from what a client cannot forge:
 * - no proxy trusted (`hops` 0): the address of the socket the request came in on, which the
 *   server stamps on every request itself (lib/server/client-address.ts); whatever the client
 *   wrote in `X-Forwarded-For` is ignored;
 * - behind `hops` reverse proxies that each append the address they saw to `X-Forwarded-For`:
 *   the `hops`-th entry from the right, what the outermost proxy saw; everything left of it is
 *   whatever the client chose to send. Fewer entries than trusted proxies means a proxy is
 *   missing: the request is counted under one shared key rather than trusted.
 */
export function clientIp({ socketAddress, forwardedFor, hops }: { socketAddress: string | null; forwardedFor: string | null; hops: number }): string {
  if (hops === 0) return normaliseAddress(socketAddress ?? "unknown");
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const address = entries.length >= hops ? entries[entries.length - hops] : undefined;
  return normaliseAddress(address ?? "unknown");
}

/** IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the same client as `1.2.3.4`; keys are capped so a forged header cannot bloat the store. */
function normaliseAddress(address: string): string {
  const unmapped = address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  return unmapped.slice(0, 64);
}

/** The address of the request being handled (route handler or server action). */
export async function currentClientIp(): Promise<string> {
  const list = await headers();
  return clientIp({ socketAddress: list.get(CLIENT_ADDRESS_HEADER), forwardedFor: list.get("x-forwarded-for"), hops: env().LOUPE_TRUSTED_PROXY_HOPS });
}
