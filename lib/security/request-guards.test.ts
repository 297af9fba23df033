import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, isCrossOrigin, isOversizedAction } from "./request-guards";

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
    ["the forwarded host behind a proxy", { origin: "https://loupe.example", "x-forwarded-host": "loupe.example" }, false],
  ])("%s", (_name, headers, expected) => {
    expect(isCrossOrigin(post(headers))).toBe(expected);
  });

  it("never blocks a GET", () => {
    expect(isCrossOrigin(new Request("http://studio.example/", { headers: { origin: "https://evil.example" } }))).toBe(false);
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
