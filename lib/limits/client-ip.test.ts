import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the address Next recorded from the socket when nothing sits in front", () => {
    expect(clientIp({ forwardedFor: "203.0.113.5", hops: 0 })).toBe("203.0.113.5");
  });

  it("reads as far from the right as there are trusted proxies, ignoring what the client prepended", () => {
    const header = "10.0.0.1, 198.51.100.7, 203.0.113.9";
    expect(clientIp({ forwardedFor: header, hops: 1 })).toBe("203.0.113.9");
    expect(clientIp({ forwardedFor: header, hops: 2 })).toBe("198.51.100.7");
  });

  it("counts requests under one shared key when a trusted proxy's entry is missing", () => {
    expect(clientIp({ forwardedFor: "203.0.113.9", hops: 2 })).toBe("unknown");
    expect(clientIp({ forwardedFor: null, hops: 0 })).toBe("unknown");
  });

  it("treats an IPv4-mapped IPv6 address as its IPv4 address and caps forged giants", () => {
    expect(clientIp({ forwardedFor: "::FFFF:203.0.113.5", hops: 0 })).toBe("203.0.113.5");
    expect(clientIp({ forwardedFor: "x".repeat(5000), hops: 0 })).toHaveLength(64);
  });
});
