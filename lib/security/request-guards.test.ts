import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, actionBodyProblem, hasMalformedEscape, isCrossOrigin, isOversizedAction } from "./request-guards";

const post = (headers: Record<string, string>, body?: BodyInit) =>
  new Request("http://studio.example/p/1", { method: "POST", headers: { host: "studio.example", ...headers }, body, duplex: "half" } as RequestInit);

describe("isCrossOrigin", () => {
  it.each([
    ["another site", { origin: "https://evil.example" }, true],
    ["a null origin (sandboxed frame)", { origin: "null" }, true],
    ["a look-alike host", { origin: "http://studio.example.evil.example" }, true],
    ["another port", { origin: "http://studio.example:8080" }, true],
    ["the same origin", { origin: "http://studio.example" }, false],
    ["no Origin header", {}, false],
  ])("%s", (_name, headers, expected) => {
    expect(isCrossOrigin(post(headers), { trustForwardedHost: false })).toBe(expected);
    expect(isCrossOrigin(post(headers), { trustForwardedHost: true })).toBe(expected);
  });

  it("trusts X-Forwarded-Host only when a proxy is trusted to set it", () => {
    const behindProxy = post({ origin: "https://loupe.example", "x-forwarded-host": "loupe.example" });
    expect(isCrossOrigin(behindProxy, { trustForwardedHost: true })).toBe(false);
    // Served directly (LOUPE_TRUSTED_PROXY_HOPS=0), the header is whatever the client wrote.
    const forged = post({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(isCrossOrigin(forged, { trustForwardedHost: false })).toBe(true);
    expect(isCrossOrigin(behindProxy, { trustForwardedHost: false })).toBe(true);
  });

  it("never blocks a GET", () => {
    expect(isCrossOrigin(new Request("http://studio.example/", { headers: { origin: "https://evil.example" } }), { trustForwardedHost: false })).toBe(false);
  });
});

describe("isOversizedAction", () => {
  const big = "x".repeat(ACTION_BODY_LIMIT_BYTES + 1);
  it("refuses an action body over the limit, declared or not", async () => {
    expect(await isOversizedAction(post({ "next-action": "abc", "content-length": String(big.length) }, big))).toBe(true);
    const chunked = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    expect(await isOversizedAction(post({ "next-action": "abc" }, chunked))).toBe(true);
  });

  it("lets small action bodies and non-action posts through", async () => {
    expect(await isOversizedAction(post({ "next-action": "abc" }, "[1]"))).toBe(false);
    expect(await isOversizedAction(post({ "content-length": String(big.length) }, big))).toBe(false);
  });
});

describe("hasMalformedEscape", () => {
  it.each(["/s/%E0%A4%A", "/p/%", "/api/images/%zz.png", "/fonts/noto-sans-sc/%E0%A4"])("spots %s", (path) => {
    expect(hasMalformedEscape(path)).toBe(true);
  });
  it.each(["/s/abc", "/p/%E4%BD%A0", "/api/images/a%2Fb"])("lets %s through", (path) => {
    expect(hasMalformedEscape(path)).toBe(false);
  });
});

describe("actionBodyProblem", () => {
  const action = (body: BodyInit, type = "text/plain;charset=UTF-8") => post({ "next-action": "abc", "content-type": type }, body);

  it.each([
    ["unparseable JSON", "{{{{", "malformed"],
    ["50,000-deep nesting", "[".repeat(50_000) + "]".repeat(50_000), "too_deep"],
    ["a promise reference", '["$@0"]', "reference"],
    ["a dangling promise reference", '[{"draft":"$@1"}]', "reference"],
    ["a part reference", '["$0"]', "reference"],
    ["a Map reference", '[{"x":"$Q1"}]', "reference"],
  ] as const)("refuses %s", async (_name, body, problem) => {
    expect(await actionBodyProblem(action(body))).toBe(problem);
  });

  it("accepts what React writes for plain arguments", async () => {
    const body = JSON.stringify([{ draft: "$$5 poster", when: "$D2026-01-01T00:00:00.000Z", gone: "$undefined", n: 3, nested: [[{ a: null }]] }]);
    expect(await actionBodyProblem(action(body))).toBeNull();
    expect(await actionBodyProblem(action('[{"draft":"a poster with } and [ in a \\"quote\\""}]'))).toBeNull();
  });

  it("checks the numbered JSON parts of a multipart body and leaves form fields alone", async () => {
    const form = (fields: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.append(k, v);
      return data;
    };
    expect(await actionBodyProblem(post({ "next-action": "abc" }, form({ "0": '["$K1"]', "1_password": "{{{{" })))).toBeNull();
    expect(await actionBodyProblem(post({ "next-action": "abc" }, form({ "0": "{{{{" })))).toBe("malformed");
    expect(await actionBodyProblem(post({ "next-action": "abc" }, form({ "0": "[".repeat(1000) })))).toBe("too_deep");
  });

  it("ignores requests that are not action calls", async () => {
    expect(await actionBodyProblem(post({}, "{{{{"))).toBeNull();
  });
});
