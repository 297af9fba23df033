import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup as dnsLookupAsync } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent } from "undici";
import type { Env } from "@/lib/env";
import { LoupeError } from "@/lib/errors";
import { isPublicAddress } from "./ip-ranges";

/**
 * The fetch every image provider's AI SDK client uses. Provider answers contain URLs (fal,
 * Replicate, BFL, Luma and xAI hand back links to their CDNs), and a compromised or spoofed
 * answer must not make Loupe fetch from inside its own network (SSRF). So every request —
 * the API call, each result download, each redirect hop — must be HTTPS, go to an allowed
 * host, and resolve to public addresses only. The connection itself re-checks the resolved
 * address, so a DNS answer that changes between the check and the connect (rebinding) is
 * refused too. Responses are capped in bytes and time.
 */

/** The providers' API hosts and the CDNs their result URLs point to. */
export const PROVIDER_HOSTS = [
  "api.openai.com",
  "*.blob.core.windows.net", // DALL·E result links, BFL deliveries
  "generativelanguage.googleapis.com",
  "fal.run",
  "*.fal.run",
  "fal.media",
  "*.fal.media",
  "*.fal.ai",
  "api.replicate.com",
  "replicate.delivery",
  "*.replicate.delivery",
  "*.bfl.ai",
  "*.bfl.ml",
  "api.x.ai",
  "*.x.ai",
  "api.together.xyz",
  "api.together.ai",
  "*.together.ai",
  "api.fireworks.ai",
  "*.fireworks.ai",
  "api.lumalabs.ai",
  "*.lumalabs.ai",
  "*.cdn-luma.com",
] as const;

export type SafeFetchPolicy = {
  /** Exact host names, or `*.example.com` for any subdomain of example.com. */
  allowedHosts: readonly string[];
  /** Opt-in for local gateways and test fakes: allows http: and private or loopback addresses. */
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  /** What sends each checked hop; the global fetch unless a caller (a test) supplies another. */
  transport?: typeof fetch;
};

const CREDENTIAL_HEADERS = ["authorization", "x-api-key", "x-goog-api-key", "x-key", "api-key", "cookie"];

function refused(reason: string): LoupeError {
  return new LoupeError("provider_error", { message: `The image provider pointed to an address Loupe does not fetch from (${reason}).` });
}

export function hostAllowed(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase().trim();
    return p.startsWith("*.") ? name.endsWith(p.slice(1)) && name.length > p.length - 1 : name === p;
  });
}

/** URL.hostname keeps the brackets of an IPv6 literal; lookups and checks want the bare address. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

async function checkUrl(url: URL, policy: SafeFetchPolicy): Promise<void> {
  if (url.protocol !== "https:" && !(policy.allowPrivate && url.protocol === "http:")) throw refused(`${url.protocol} is not allowed, only https:`);
  if (url.username || url.password) throw refused("credentials in the URL");
  const host = bareHost(url);
  if (!hostAllowed(host, policy.allowedHosts)) throw refused(`${host} is not on the allow-list`);
  if (policy.allowPrivate) return;
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  const inside = addresses.find((a) => !isPublicAddress(a));
  if (inside) throw refused(`${host} resolves to the private address ${inside}`);
}

async function resolveAll(host: string): Promise<string[]> {
  try {
    return (await dnsLookupAsync(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch (cause) {
    throw new LoupeError("provider_error", { message: `The image provider's host ${host} could not be resolved.`, retryable: true, cause });
  }
}

const PRIVATE_AT_CONNECT = "LOUPE_SSRF_PRIVATE_ADDRESS";

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The lookup the connection uses: the addresses it connects to are the ones checked, not a second answer. */
export function publicOnlyLookup(hostname: string, options: { family?: number; all?: boolean }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true, verbatim: true, family: options.family ?? 0 }, (error, addresses) => {
    if (error) return callback(error, []);
    const inside = addresses.find((a) => !isPublicAddress(a.address));
    if (inside || addresses.length === 0) {
      const blocked = Object.assign(new Error(`${hostname} resolved to ${inside?.address ?? "nothing"}`), { code: PRIVATE_AT_CONNECT });
      return callback(blocked, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

// One pool for the process: connections to a provider are reused across renders.
let publicAgent: Agent | undefined;
/** The dispatcher safe fetches use when private addresses are off (exported so a test can prove the fetch honours it). */
export const publicOnlyAgent = () => (publicAgent ??= new Agent({ connect: { lookup: publicOnlyLookup as never } }));

function isRedirect(status: number) {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function capped(response: Response, maxBytes: number): Response {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel();
    throw new LoupeError("too_large", { message: "The image provider's answer is larger than Loupe accepts." });
  }
  if (!response.body) return response;
  let seen = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) controller.error(new LoupeError("too_large", { message: "The image provider's answer is larger than Loupe accepts." }));
      else controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(counter), { status: response.status, statusText: response.statusText, headers: response.headers });
}

function explain(error: unknown, timeout: AbortSignal): unknown {
  if (timeout.aborted && !(error instanceof LoupeError)) {
    return new LoupeError("provider_timeout", { message: "The image provider took too long to answer.", retryable: true, cause: error });
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code === PRIVATE_AT_CONNECT) return refused(cause.message ?? "private address");
  return error;
}

type Hop = { url: URL; method: string; headers: Headers; body: RequestInit["body"] };

/** The next request after a redirect: 303 (and 301/302 after POST) become GET; credentials stay with their origin. */
function follow(hop: Hop, response: Response): Hop {
  const location = response.headers.get("location");
  if (!location) throw refused("a redirect without a location");
  const url = new URL(location, hop.url);
  const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && hop.method === "POST");
  const headers = new Headers(hop.headers);
  if (url.origin !== hop.url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  return { url, method: toGet ? "GET" : hop.method, headers, body: toGet ? undefined : hop.body };
}

export function createSafeFetch(policy: SafeFetchPolicy): typeof fetch {
  const maxRedirects = policy.maxRedirects ?? 5;
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    let hop: Hop = {
      url: new URL(request?.url ?? String(input)),
      method: (init?.method ?? request?.method ?? "GET").toUpperCase(),
      headers: new Headers(init?.headers ?? request?.headers),
      body: init?.body ?? (request?.body as RequestInit["body"]),
    };
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      for (let redirects = 0; ; redirects++) {
        await checkUrl(hop.url, policy);
        const response = await (policy.transport ?? fetch)(hop.url, {
          method: hop.method,
          headers: hop.headers,
          body: hop.body,
          signal,
          redirect: "manual",
          ...(policy.allowPrivate ? {} : { dispatcher: publicOnlyAgent() }),
          ...(hop.body instanceof ReadableStream ? { duplex: "half" } : {}),
        } as RequestInit);
        if (!isRedirect(response.status)) return capped(response, policy.maxBytes);
        void response.body?.cancel();
        if (redirects >= maxRedirects) throw refused("too many redirects");
        hop = follow(hop, response);
      }
    } catch (error) {
      throw explain(error, timeout);
    }
  };
}

/** Every configured *_BASE_URL host: the operator chose them, so they join the allow-list. */
function configuredHosts(config: Env): string[] {
  return Object.entries(config)
    .filter(([key, value]) => key.endsWith("_BASE_URL") && typeof value === "string")
    .map(([, value]) => bareHost(new URL(value as string)));
}

export function policyFromEnv(config: Env): SafeFetchPolicy {
  return {
    allowedHosts: [...PROVIDER_HOSTS, ...configuredHosts(config), ...config.LOUPE_PROVIDER_URL_ALLOWLIST],
    allowPrivate: config.LOUPE_ALLOW_PRIVATE_URLS,
    maxBytes: config.LOUPE_PROVIDER_MAX_RESPONSE_BYTES,
    timeoutMs: config.LOUPE_PROVIDER_TIMEOUT_MS,
  };
}

/** The guarded fetch for the providers that `config` turns on. */
export function providerFetch(config: Env): typeof fetch {
  return createSafeFetch(policyFromEnv(config));
}
