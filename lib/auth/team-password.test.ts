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
});
