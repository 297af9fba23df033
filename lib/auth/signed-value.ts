import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/** `value.signature` with an HMAC-SHA256; a forged or truncated cookie verifies as null. */
export function sign({ value, secret }: { value: string; secret: string }): string {
  return `${value}.${mac({ value, secret })}`;
}

export function verify({ signed, secret }: { signed: string | undefined; secret: string }): string | null {
  if (!signed || signed.length > 200) return null;
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(mac({ value, secret }));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return value;
}

function mac({ value, secret }: { value: string; secret: string }): string {
  return createHmac("sha256", secret).update(value).digest("base64url");
}
