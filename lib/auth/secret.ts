import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let cached: string | undefined;

/**
 * The key that signs owner cookies. Teams running several instances set
 * LOUPE_COOKIE_SECRET; a single machine gets one generated once and kept on disk,
 * so a restart does not sign everybody out.
 */
export function cookieSecret(): string {
  const configured = env().LOUPE_COOKIE_SECRET;
  if (configured) return configured;
  if (cached) return cached;
  const dir = path.resolve(env().LOUPE_DATA_DIR);
  const file = path.join(dir, "cookie-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    try {
      // "wx" so two processes starting together agree on the first one written.
      writeFileSync(file, fresh, { flag: "wx", mode: 0o600 });
      cached = fresh;
    } catch {
      cached = readFileSync(file, "utf8").trim();
    }
  }
  return cached;
}
