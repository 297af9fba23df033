import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/*
 * What must hold before a server process takes requests. A deployment that cannot work (a
 * read-only data directory, a database that does not answer, a DATABASE_URL that is not one)
 * must not report "Ready" and then answer every request with a 500: it stops at start with one
 * line naming the setting and the cause (see instrumentation.ts).
 */

/** A start-up failure whose message already names the setting and the cause, on one line. */
class StartupError extends Error {
  override name = "StartupError";
}

/** The data directory holds the embedded database, local images and the generated cookie secret: it must take a write. */
export async function checkDataDir(): Promise<void> {
  const e = env();
  if (e.DATABASE_URL && e.LOUPE_S3_BUCKET && e.LOUPE_COOKIE_SECRET) return;
  const dir = path.resolve(e.LOUPE_DATA_DIR);
  const probe = path.join(dir, `.write-check-${randomUUID()}`);
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(probe, "");
    await fs.rm(probe);
  } catch (error) {
    throw new StartupError(`LOUPE_DATA_DIR (${dir}) is not writable: ${causeOf(error)}`);
  }
}

/** Wraps a failure to open the database in a line that names the setting (the URL without its password). */
export function databaseStartError(error: unknown): StartupError {
  const url = env().DATABASE_URL;
  const setting = url ? `DATABASE_URL (${redactUrl(url)})` : `the embedded database in LOUPE_DATA_DIR (${path.resolve(env().LOUPE_DATA_DIR, "pgdata")})`;
  return new StartupError(`${setting} cannot be opened: ${causeOf(error)}`);
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable)";
  }
}

/** The first line of an error and its causes, without a stack: what an operator needs to fix it. */
function causeOf(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current && parts.length < 3; current = (current as { cause?: unknown }).cause) {
    const message = current instanceof Error ? current.message : String(current);
    const code = (current as { code?: unknown }).code;
    const line = (message || String(code ?? "unknown error")).split("\n")[0]!.trim();
    if (line && !parts.includes(line)) parts.push(line);
  }
  // pg reports an unreachable server as an AggregateError with an empty message and the attempts inside.
  const attempts = (error as { errors?: unknown[] } | undefined)?.errors;
  if (parts.length === 0 && Array.isArray(attempts)) parts.push(...attempts.map((a) => (a instanceof Error ? a.message : String(a))));
  return parts.join(": ") || "unknown error";
}

/** The one line printed before a process that cannot start exits. */
export function startFailureLine(error: unknown): string {
  if (error instanceof StartupError) return `[loupe] cannot start: ${error.message}`;
  return `[loupe] cannot start: ${causeOf(error)}`;
}
