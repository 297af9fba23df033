import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { saveEnv, setEnv } from "@/tests/support/env";
import { checkPassword, isSignedIn, passwordRequired, signInCookieValue } from "./team-password";

afterEach(saveEnv(["LOUPE_PASSWORD", "LOUPE_COOKIE_SECRET"]));

describe("team password", () => {
  it("is off without LOUPE_PASSWORD", () => {
    setEnv({ LOUPE_PASSWORD: undefined });
    expect(passwordRequired()).toBe(false);
    expect(isSignedIn(undefined)).toBe(true);
  });

  it("checks the password and signs a cookie that a changed password invalidates", () => {
    setEnv({ LOUPE_PASSWORD: "correct horse", LOUPE_COOKIE_SECRET: "test-secret" });
    expect(passwordRequired()).toBe(true);
    expect(checkPassword("wrong")).toBe(false);
    expect(checkPassword("correct horse")).toBe(true);
    const cookie = signInCookieValue();
    expect(isSignedIn(cookie)).toBe(true);
    expect(isSignedIn(undefined)).toBe(false);
    expect(isSignedIn(`${cookie}x`)).toBe(false);
    setEnv({ LOUPE_PASSWORD: "new password" });
    expect(isSignedIn(cookie)).toBe(false);
  });

  it("puts nothing derived from the password alone in the cookie: a random session id, keyed by the server's secret", () => {
    setEnv({ LOUPE_PASSWORD: "correct horse", LOUPE_COOKIE_SECRET: "test-secret" });
    const cookie = signInCookieValue();
    // Whatever unkeyed digest of the password an attacker could compute offline, none is in the cookie.
    for (const input of ["correct horse", "loupe-sign-in:correct horse"]) {
      for (const encoding of ["base64url", "hex", "base64"] as const) {
        const digest = createHash("sha256").update(input).digest(encoding);
        expect(cookie).not.toContain(digest.slice(0, 16));
      }
    }
    // A fresh session id per sign-in, so two cookies differ, and both are valid.
    const other = signInCookieValue();
    expect(other).not.toBe(cookie);
    expect(isSignedIn(other)).toBe(true);
    // Another server secret (another deployment) does not accept it.
    setEnv({ LOUPE_COOKIE_SECRET: "another-secret" });
    expect(isSignedIn(cookie)).toBe(false);
  });
});
