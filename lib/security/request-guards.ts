import "server-only";
/*
 * Checks the proxy makes before a request reaches Next.
 */

/** The server-action body limit; next.config.ts sets the same ("1mb") for Next's own check. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * A state-changing request whose Origin is another site, or `null` (CSRF). Next checks server
 * actions itself; checking here gives the API routes the same check and every refusal the same
 * clear 403. No Origin header at all (curl, server-to-server) is let through: browsers send one
 * on every cross-site POST. `X-Forwarded-Host` counts only when a trusted proxy set it
 * (LOUPE_TRUSTED_PROXY_HOPS > 0); served directly, a client could name any host in it.
 */
export function isCrossOrigin(request: Request, { trustForwardedHost }: { trustForwardedHost: boolean }): boolean {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const forwarded = trustForwardedHost ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * A server-action call whose body is over the limit. Next refuses it too, but with a 500; this
 * answers 413 first. Without a Content-Length (a chunked body) the proxy's buffered copy is measured.
 */
export async function isOversizedAction(request: Request): Promise<boolean> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > ACTION_BODY_LIMIT_BYTES;
  return (await request.clone().arrayBuffer()).byteLength > ACTION_BODY_LIMIT_BYTES;
}

/**
 * A path with a broken percent-escape (`/s/%E0%A4%A`). Next's router cannot decode it and
 * answers a bare 500 without Loupe's headers; the proxy answers 404 first.
 */
export function hasMalformedEscape(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** Deeper than any argument a Loupe action takes; a 50,000-deep array overflows React's decoder. */
const MAX_ACTION_NESTING = 64;

export type ActionBodyProblem = "malformed" | "too_deep" | "reference" | "aborted";

/**
 * What is wrong with a server-action body before Next decodes it, or null. Next turns a body it
 * cannot decode (`{{{{`, deep nesting, a promise reference such as `"$@0"`) into a 500; here it
 * becomes a 400. A body is React's reply format: JSON (text/plain) for plain arguments, or a
 * multipart form whose numbered fields are JSON. In the JSON-only form every argument Loupe's
 * actions take is plain data, so the only `$` references allowed are the ones React writes for
 * plain values (`$$` an escaped dollar, `$undefined`, `$NaN`, `$Infinity`, `$-Infinity`, `$-0`,
 * `$D` dates, `$n` bigints); a reference to another part (`$@0`, `$0`, `$Q`…) has nothing to
 * point at. A client that hangs up while the body is read is `aborted`.
 */
export async function actionBodyProblem(request: Request): Promise<ActionBodyProblem | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("multipart/form-data")) {
      const form = await request.clone().formData();
      for (const [name, value] of form) {
        if (typeof value !== "string" || !/^\d+$/.test(name)) continue;
        const problem = replyJsonProblem(value, { references: true });
        if (problem) return problem;
      }
      return null;
    }
    return replyJsonProblem(await request.clone().text(), { references: false });
  } catch (error) {
    return request.signal.aborted || isHangUp(error) ? "aborted" : "malformed";
  }
}

function isHangUp(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } } | undefined)?.code ?? (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return code === "ECONNRESET" || code === "ABORT_ERR" || (error instanceof Error && /aborted|terminated/i.test(error.message));
}

const PLAIN_VALUE_REFERENCE = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n)/;

function replyJsonProblem(text: string, { references }: { references: boolean }): ActionBodyProblem | null {
  if (nestingDepth(text) > MAX_ACTION_NESTING) return "too_deep";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "malformed";
  }
  if (references) return null;
  // Depth is bounded above, so an explicit stack is plenty.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") {
      if (item.startsWith("$") && !PLAIN_VALUE_REFERENCE.test(item)) return "reference";
    } else if (item && typeof item === "object") {
      stack.push(...Object.values(item));
    }
  }
  return null;
}

/** The deepest nesting of arrays and objects in JSON text, counted without parsing (strings skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth -= 1;
  }
  return deepest;
}

/**
 * Whether a request's body arrived whole. Next buffers every body that passes the proxy and,
 * when the client hangs up halfway, logs the hang-up as a server error with a stack. Reading the
 * proxy's own copy to the end (chunk by chunk, nothing kept) finds out first, so the proxy can
 * answer the request that nobody is waiting for quietly.
 */
export async function bodyArrived(request: Request): Promise<boolean> {
  if (!request.body || request.method === "GET" || request.method === "HEAD") return true;
  const reader = request.body.getReader();
  try {
    while (!(await reader.read()).done);
    return true;
  } catch {
    return false;
  }
}
