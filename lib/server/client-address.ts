import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/*
 * Next 16 gives route handlers, server actions and the proxy no socket address; its server only
 * writes it into X-Forwarded-For when a request arrives without one, so a client that sends its
 * own chooses the address Loupe would count it under. Node publishes every incoming request on
 * the `http.server.request.start` diagnostics channel, synchronously, before the server's
 * request listener (Next) sees it: Loupe stamps the socket's address into its own header there,
 * overwriting anything the client sent under that name. Registered from instrumentation.ts, so
 * it works under `next start` and `npm start` alike, with no custom server.
 */

export const CLIENT_ADDRESS_HEADER = "x-loupe-client-address";

type RequestStart = { request: IncomingMessage; socket: Socket };

const globalStore = globalThis as typeof globalThis & { __loupeClientAddress?: boolean };

export function stampClientAddresses(): void {
  if (globalStore.__loupeClientAddress) return;
  globalStore.__loupeClientAddress = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as RequestStart;
    request.headers[CLIENT_ADDRESS_HEADER] = socket.remoteAddress ?? "unknown";
  });
}
