import "server-only";
/**
 * Where to go after signing in: `next` resolved against the app's own origin, kept only when
 * the origin is unchanged. Prefix checks are not enough — browsers read `/\evil.example` and
 * `/\t/evil.example` (tabs and newlines are dropped from URLs) as `//evil.example`, another site.
 * Resolving with the URL parser the browser uses settles what the browser will do.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  const base = "http://loupe.invalid";
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return "/";
  }
  if (resolved.origin !== base) return "/";
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
