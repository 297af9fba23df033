import "server-only";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { cookieSecret } from "./secret";
import { sign, verify } from "./signed-value";

export const OWNER_COOKIE = "loupe_owner";
const OWNER_ID = /^[0-9a-f-]{36}$/;
const ONE_YEAR = 60 * 60 * 24 * 365;

/** The anonymous owner of this browser, or null when it has none yet (read-only contexts). */
export async function readOwnerId(): Promise<string | null> {
  const jar = await cookies();
  const value = verify({ signed: jar.get(OWNER_COOKIE)?.value, secret: cookieSecret() });
  return value && OWNER_ID.test(value) ? value : null;
}

/** The owner of this browser, minted on first use. Only callable where cookies can be set. */
export async function ensureOwnerId(): Promise<string> {
  const existing = await readOwnerId();
  if (existing) return existing;
  const ownerId = randomUUID();
  const jar = await cookies();
  jar.set(OWNER_COOKIE, sign({ value: ownerId, secret: cookieSecret() }), {
    httpOnly: true,
    sameSite: "lax",
    // Secure whenever the studio is reached over HTTPS (directly or behind a proxy).
    secure: (await headers()).get("x-forwarded-proto") === "https",
    path: "/",
    maxAge: ONE_YEAR,
  });
  return ownerId;
}
