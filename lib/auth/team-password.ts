import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { cookieSecret } from "./secret";
import { sign, verify } from "./signed-value";

/*
 * LOUPE_PASSWORD puts a whole deployment behind one shared password. The sign-in cookie is a
 * random session id signed with a key derived from the server's secret and the password: it
 * says nothing about the password (an unkeyed hash of it could be brute-forced offline by
 * whoever sees the cookie), and changing the password changes the key, which signs everybody out.
 */

export const SIGN_IN_COOKIE = "loupe_signed_in";

function sessionKey(password: string): string {
  return createHmac("sha256", cookieSecret()).update(`loupe-sign-in:${password}`).digest("base64url");
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
  return sign({ value: randomBytes(16).toString("base64url"), secret: sessionKey(env().LOUPE_PASSWORD ?? "") });
}

export function isSignedIn(cookie: string | undefined): boolean {
  const expected = env().LOUPE_PASSWORD;
  if (!expected) return true;
  return verify({ signed: cookie, secret: sessionKey(expected) }) !== null;
}
