import { refusal } from "@/tests/support/refusal";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";
import { isPublicAddress } from "./ip-ranges";
import { createSafeFetch, hostAllowed, policyFromEnv, publicOnlyAgent, publicOnlyLookup, type SafeFetchPolicy } from "./safe-fetch";

const PUBLIC_IP = "93.184.216.34";
const CDN_IP = "1.1.1.1";
const base: SafeFetchPolicy = { allowedHosts: [PUBLIC_IP, CDN_IP], allowPrivate: false, maxBytes: 1024, timeoutMs: 2000 };


/** A transport that records each hop and answers from a script, so redirects need no network. */
function scripted(answers: Array<() => Response>) {
  const hops: Array<{ url: string; headers: Headers; method: string }> = [];
  const transport = (async (url: URL, init: RequestInit) => {
    hops.push({ url: String(url), headers: new Headers(init.headers), method: init.method ?? "GET" });
    const next = answers.shift();
    if (!next) throw new Error("unexpected hop");
    return next();
  }) as unknown as typeof fetch;
  return { hops, transport };
}

const redirect = (location: string, status = 302) => () => new Response(null, { status, headers: { location } });

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "64:ff9b::7f00:1",
    "2002:7f00:1::",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "ff02::1",
    "localhost",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "2a00:1450:4009:81f::200e"])("allows %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("hostAllowed", () => {
  it("matches exact names and subdomains of wildcards only", () => {
    const list = ["api.openai.com", "*.fal.media"];
    expect(hostAllowed("api.openai.com", list)).toBe(true);
    expect(hostAllowed("API.OpenAI.com.", list)).toBe(true);
    expect(hostAllowed("v3.fal.media", list)).toBe(true);
    expect(hostAllowed("fal.media", list)).toBe(false);
    expect(hostAllowed("evilfal.media", list)).toBe(false);
    expect(hostAllowed("api.openai.com.evil.example", list)).toBe(false);
  });
});

describe("createSafeFetch with the default (safe) policy", () => {
  it.each([
    ["plain http", `http://${PUBLIC_IP}/image.png`, /only https/],
    ["a host off the allow-list", "https://evil.example/image.png", /not on the allow-list/],
    ["credentials in the URL", `https://user:pw@${PUBLIC_IP}/`, /credentials/],
    ["file:", "file:///etc/passwd", /only https/],
  ])("refuses %s before any request", async (_name, url, message) => {
    const { hops, transport } = scripted([]);
    const error = await refusal(createSafeFetch({ ...base, transport })(url));
    expect(error.message).toMatch(message);
    expect(hops).toHaveLength(0);
  });

  it.each([
    "https://127.0.0.1/x",
    "https://[::1]/x",
    "https://[::ffff:127.0.0.1]/x",
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.7/x",
    "https://[fd00::1]/x",
    "https://[fe80::1]/x",
    "https://2130706433/x", // 127.0.0.1 as one number
    "https://0x7f.1/x",
  ])("refuses the private address in %s even when its host is allowed", async (url) => {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
    const { hops, transport } = scripted([]);
    const error = await refusal(createSafeFetch({ ...base, allowedHosts: [host], transport })(url));
    expect(error.message).toMatch(/private address/);
    expect(hops).toHaveLength(0);
  });

  it("refuses an allowed name that resolves to loopback", async () => {
    const error = await refusal(createSafeFetch({ ...base, allowedHosts: ["localhost"] })("https://localhost/x"));
    expect(error.message).toMatch(/localhost resolves to the private address/);
  });

  it.each([
    ["127.0.0.1", "https://127.0.0.1:9/steal"],
    ["http", `http://${PUBLIC_IP}/downgrade`],
    ["IPv4-mapped IPv6", "https://[::ffff:169.254.169.254]/latest"],
    ["an unlisted host", "https://attacker.example/"],
  ])("refuses a redirect to %s after one allowed hop", async (_name, location) => {
    const { hops, transport } = scripted([redirect(location)]);
    const error = await refusal(
      createSafeFetch({ ...base, allowedHosts: [...base.allowedHosts, "127.0.0.1", "::ffff:a9fe:a9fe"], transport })(`https://${PUBLIC_IP}/result`),
    );
    expect(error.code).toBe("provider_error");
    expect(hops).toHaveLength(1);
  });

  it("follows allowed redirects, dropping credentials across origins and turning 303 into GET", async () => {
    const { hops, transport } = scripted([redirect(`https://${CDN_IP}/file.png`, 303), () => new Response("png")]);
    const response = await createSafeFetch({ ...base, transport })(`https://${PUBLIC_IP}/result`, {
      method: "POST",
      headers: { authorization: "Bearer sk-secret", "x-api-key": "k", accept: "image/png" },
      body: "{}",
    });
    expect(await response.text()).toBe("png");
    expect(hops[0]!.headers.get("authorization")).toBe("Bearer sk-secret");
    expect(hops[1]).toMatchObject({ url: `https://${CDN_IP}/file.png`, method: "GET" });
    expect(hops[1]!.headers.get("authorization")).toBeNull();
    expect(hops[1]!.headers.get("x-api-key")).toBeNull();
    expect(hops[1]!.headers.get("accept")).toBe("image/png");
  });

  it("stops a redirect loop", async () => {
    const loop = Array.from({ length: 10 }, () => redirect(`https://${PUBLIC_IP}/again`));
    const { hops, transport } = scripted(loop);
    const error = await refusal(createSafeFetch({ ...base, maxRedirects: 3, transport })(`https://${PUBLIC_IP}/again`));
    expect(error.message).toMatch(/too many redirects/);
    expect(hops).toHaveLength(4);
  });

  it("refuses a body that declares more than the cap", async () => {
    const { transport } = scripted([() => new Response("x", { headers: { "content-length": "999999" } })]);
    const error = await refusal(createSafeFetch({ ...base, transport })(`https://${PUBLIC_IP}/big`));
    expect(error.code).toBe("too_large");
  });

  it("cuts off a body that streams past the cap without declaring it", async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(512));
      },
    });
    const { transport } = scripted([() => new Response(stream)]);
    const response = await createSafeFetch({ ...base, transport })(`https://${PUBLIC_IP}/endless`);
    const error = await refusal(response.arrayBuffer());
    expect(error.code).toBe("too_large");
  });
});

describe("the connection's own lookup (DNS rebinding)", () => {
  it("refuses a name that resolves to loopback at connect time", async () => {
    const error = await new Promise<Error | null>((resolve) => publicOnlyLookup("localhost", { all: true }, (e) => resolve(e)));
    expect(error?.message).toMatch(/localhost resolved to/);
  });
});

describe("the opt-in for local gateways", () => {
  let server: Server;
  let origin = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/redirect") return void res.writeHead(302, { location: "/image" }).end();
      if (req.url === "/slow") return void setTimeout(() => res.end("late"), 2000);
      if (req.url === "/big") return void res.end(Buffer.alloc(4096));
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("the connection itself refuses loopback: Node's fetch honours the pinned dispatcher", async () => {
    // A name, so the check happens in the connect-time lookup (IP literals skip lookups).
    const url = origin.replace("127.0.0.1", "localhost");
    const error = await fetch(url, { dispatcher: publicOnlyAgent() } as RequestInit).then(
      () => undefined,
      (e: unknown) => e as { cause?: { code?: string } },
    );
    expect(error?.cause?.code).toBe("LOUPE_SSRF_PRIVATE_ADDRESS");
    // Without the dispatcher the same URL answers: the refusal above is the guard's doing.
    expect((await fetch(url)).status).toBe(200);
  });

  const local = (): SafeFetchPolicy => ({ allowedHosts: ["127.0.0.1"], allowPrivate: true, maxBytes: 1024, timeoutMs: 300 });

  it("is off by default: the same local URL is refused", async () => {
    const error = await refusal(createSafeFetch({ ...local(), allowPrivate: false })(`${origin}/image`));
    expect(error.message).toMatch(/only https/);
  });

  it("reaches a local server, following its redirects", async () => {
    const response = await createSafeFetch(local())(`${origin}/redirect`);
    expect(await response.text()).toBe("ok");
  });

  it("still enforces the size cap and the timeout", async () => {
    expect((await refusal(createSafeFetch(local())(`${origin}/big`))).code).toBe("too_large");
    expect((await refusal(createSafeFetch(local())(`${origin}/slow`))).code).toBe("provider_timeout");
  });

  it("still enforces the allow-list", async () => {
    const error = await refusal(createSafeFetch({ ...local(), allowedHosts: ["gateway.internal"] })(`${origin}/image`));
    expect(error.message).toMatch(/not on the allow-list/);
  });
});

describe("policyFromEnv", () => {
  it("is safe by default and adds configured base URL hosts and extra hosts", () => {
    const config = envSchema.parse({ FAL_BASE_URL: "https://fal-proxy.example.org/v1", LOUPE_PROVIDER_URL_ALLOWLIST: "*.images.example.net, cdn.example.com" });
    const policy = policyFromEnv(config);
    expect(policy.allowPrivate).toBe(false);
    expect(hostAllowed("fal-proxy.example.org", policy.allowedHosts)).toBe(true);
    expect(hostAllowed("a.images.example.net", policy.allowedHosts)).toBe(true);
    expect(hostAllowed("v3.fal.media", policy.allowedHosts)).toBe(true);
    expect(hostAllowed("metadata.google.internal", policy.allowedHosts)).toBe(false);
    expect(policyFromEnv(envSchema.parse({ LOUPE_ALLOW_PRIVATE_URLS: "1" })).allowPrivate).toBe(true);
  });
});
