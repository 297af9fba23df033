import "server-only";
import { createHash, randomBytes } from "node:crypto";

/*
 * A share link is a capability: whoever holds the token may view what it points at. 32 random
 * bytes (256 bits) make tokens unguessable; only their SHA-256 is stored, so a leaked database
 * holds no working link. A plain hash (no salt, no slow KDF) is right here: the input already
 * has full entropy, and the lookup must be an indexed equality.
 */

const TOKEN_BYTES = 32;

// base64url of 32 bytes is 43 characters; the last one carries only 4 bits, so it can be one of 16.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

export type ShareToken = { token: string; tokenHash: string };

export function createShareToken(): ShareToken {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

/** True only for strings this module could have minted; anything else is rejected before a query. */
export function isWellFormedShareToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function sharePath(token: string): string {
  return `/s/${token}`;
}
