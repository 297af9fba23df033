/*
 * lib/env.ts parses the environment once per process. A test that changes variables between
 * cases says so here, and the next env() parses them again.
 */

const PARSED = Symbol.for("loupe.env");

/** Drops the parsed settings: the next env() reads process.env afresh. */
export function resetEnv(): void {
  delete (globalThis as Record<symbol, unknown>)[PARSED];
}

/** Sets (a string) or removes (undefined) each variable, then resets the parsed settings. */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnv();
}

/** Restores variables to what they were when `saveEnv` was called. */
export function saveEnv(names: readonly string[]): () => void {
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  return () => setEnv(saved);
}
