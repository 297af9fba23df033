import { afterEach, describe, expect, it } from "vitest";
import { checkPassword, isSignedIn, passwordRequired, signInCookieValue } from "./team-password";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("team password", () => {
  it("is off without LOUPE_PASSWORD", () => {
    delete process.env.LOUPE_PASSWORD;
    expect(passwordRequired()).toBe(false);
    expect(isSignedIn(undefined)).toBe(true);
  });

  it("checks the password and signs a cookie that a changed password invalidates", () => {
    process.env.LOUPE_PASSWORD = "correct horse";
    process.env.LOUPE_COOKIE_SECRET = "test-secret";
    expect(passwordRequired()).toBe(true);
    expect(checkPassword("wrong")).toBe(false);
    expect(checkPassword("correct horse")).toBe(true);
    const cookie = signInCookieValue();
    expect(isSignedIn(cookie)).toBe(true);
    expect(isSignedIn(undefined)).toBe(false);
    expect(isSignedIn(`${cookie}x`)).toBe(false);
    process.env.LOUPE_PASSWORD = "new password";
    expect(isSignedIn(cookie)).toBe(false);
  });
});
