import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("served directly, takes the socket's address and ignores whatever X-Forwarded-For the client wrote", () => {
    expect(clientIp({ socketAddress: "203.0.113.5", forwardedFor: "198.51.100.1", hops: 0 })).toBe("203.0.113.5");
    expect(clientIp({ socketAddress: "203.0.113.5", forwardedFor: "1.1.1.1, 2.2.2.2", hops: 0 })).toBe("203.0.113.5");
  });

  it("reads as far from the right as there are trusted proxies, ignoring what the client prepended", () => {
    const header = "10.0.0.1, 198.51.100.7, 203.0.113.9";
    expect(clientIp({ socketAddress: "10.9.9.9", forwardedFor: header, hops: 1 })).toBe("203.0.113.9");
    expect(clientIp({ socketAddress: "10.9.9.9", forwardedFor: header, hops: 2 })).toBe("198.51.100.7");
  });

  it("counts requests under one shared key when an address is missing", () => {
    expect(clientIp({ socketAddress: "10.9.9.9", forwardedFor: "203.0.113.9", hops: 2 })).toBe("unknown");
    expect(clientIp({ socketAddress: null, forwardedFor: "203.0.113.9", hops: 0 })).toBe("unknown");
  });

  it("treats an IPv4-mapped IPv6 address as its IPv4 address and caps forged giants", () => {
    expect(clientIp({ socketAddress: "::FFFF:203.0.113.5", forwardedFor: null, hops: 0 })).toBe("203.0.113.5");
    expect(clientIp({ socketAddress: null, forwardedFor: "x".repeat(5000), hops: 1 })).toHaveLength(64);
  });
});
