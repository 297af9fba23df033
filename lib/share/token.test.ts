import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createShareToken, hashShareToken, isWellFormedShareToken, sharePath } from "./token";

describe("share tokens", () => {
  it("carry 256 random bits as 43 base64url characters", () => {
    const { token } = createShareToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(Buffer.from(token, "base64url").toString("base64url")).toBe(token);
  });

  it("are unique and every one minted is accepted by the format check", () => {
    const tokens = Array.from({ length: 2000 }, () => createShareToken().token);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.every(isWellFormedShareToken)).toBe(true);
  });

  it("are stored only as their SHA-256, which differs from the token", () => {
    const { token, tokenHash } = createShareToken();
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token);
    expect(hashShareToken(token)).toBe(tokenHash);
  });

  it("rejects anything this module could not have minted", () => {
    const { token } = createShareToken();
    const malformed: unknown[] = [
      "",
      "abc",
      token.slice(0, 42),
      `${token}A`,
      `${token.slice(0, 42)}B`, // the last character holds only 4 bits: "B" would set a padding bit
      `${token.slice(0, 42)}=`,
      `${token.slice(0, 20)}+${token.slice(21)}`, // base64, not base64url
      `${token.slice(0, 20)}/${token.slice(21)}`,
      `${token.slice(0, 20)}.${token.slice(21)}`,
      ` ${token.slice(1)}`,
      `${token.slice(0, 42)}\n`,
      "../../../../etc/passwd/aaaaaaaaaaaaaaaaaaaaaaaa",
      "0".repeat(64),
      null,
      undefined,
      42,
    ];
    for (const candidate of malformed) expect(isWellFormedShareToken(candidate), String(candidate)).toBe(false);
  });

  it("accepts every valid final character and nothing else in that place", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const stem = "A".repeat(42);
    const accepted = [...alphabet].filter((c) => isWellFormedShareToken(stem + c));
    // Exactly the characters whose low two bits are zero, i.e. a canonical encoding of 32 bytes.
    expect(accepted.join("")).toBe("AEIMQUYcgkosw048");
    for (const c of accepted) expect(Buffer.from(stem + c, "base64url").toString("base64url")).toBe(stem + c);
  });

  it("make a path under /s/", () => {
    const { token } = createShareToken();
    expect(sharePath(token)).toBe(`/s/${token}`);
  });
});
