import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { cookieSecret } from "./secret";
import { sign, verify } from "./signed-value";

/*
 * LOUPE_PASSWORD puts a whole deployment behind one shared password. The sign-in cookie
 * carries a fingerprint of the password, so changing the password signs everybody out.
 */

export const SIGN_IN_COOKIE = "loupe_signed_in";

function fingerprint(password: string): string {
  return createHash("sha256").update(`loupe-sign-in:${password}`).digest("base64url").slice(0, 22);
}

export function passwordRequired(): boolean {
  return env().LOUPE_PASSWORD !== undefined;
}

export function checkPassword(candidate: string): boolean {
  const expected = env().LOUPE_PASSWORD;
  if (!expected) return true;
  const a = createHash("sha256").update(candidate).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function signInCookieValue(): string {
  return sign({ value: fingerprint(env().LOUPE_PASSWORD ?? ""), secret: cookieSecret() });
}

export function isSignedIn(cookie: string | undefined): boolean {
  const expected = env().LOUPE_PASSWORD;
  if (!expected) return true;
  return verify({ signed: cookie, secret: cookieSecret() }) === fingerprint(expected);
}
