import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Calls the app's server actions over HTTP the way the browser does (POST with a
 * `Next-Action` id and the arguments as JSON), so that a stage can be timed a hundred
 * times without a browser in the way. Ids come from the build's server-reference manifest.
 */
const manifestSchema = z.object({
  node: z.record(z.string(), z.object({ filename: z.string().optional(), exportedName: z.string().optional() })),
});

export function loadActionIds(distDir: string): Map<string, string> {
  const raw: unknown = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"));
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifestSchema.parse(raw).node)) {
    if (entry.exportedName) ids.set(entry.exportedName, id);
  }
  return ids;
}

/** Decodes the value of one action answer in React's flight format (rows `id:json`, `$`-escaped strings). */
export function decodeFlight(text: string): unknown {
  const rows = new Map<string, unknown>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!match || !/^[[{"\dtfn-]/.test(match[2]!)) continue;
    try {
      rows.set(match[1]!, JSON.parse(match[2]!));
    } catch {
      // Non-JSON rows (imports, hints) carry nothing the bench reads.
    }
  }
  const root = rows.get("0");
  const revive = (value: unknown): unknown => {
    if (typeof value === "string") {
      const ref = /^\$@?([0-9a-f]+)$/.exec(value);
      if (ref) return revive(rows.get(ref[1]!));
      if (value === "$undefined") return undefined;
      if (value.startsWith("$D")) return value.slice(2);
      return value.startsWith("$$") ? value.slice(1) : value;
    }
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
    return value;
  };
  const top = root && typeof root === "object" && "a" in root ? (root as { a: unknown }).a : root;
  return revive(top);
}

export type ActionClient = {
  call(name: string, arg: unknown): Promise<{ value: unknown; ms: number; start: number; end: number; bytes: number }>;
  cookie(): string;
};

/** Every raw answer, before it is decoded: the reliability suites scan them for stacks, paths and keys. */
export type ResponseHook = (answer: { name: string; status: number; text: string }) => void;

export function createActionClient({ baseUrl, ids, onResponse }: { baseUrl: string; ids: Map<string, string>; onResponse?: ResponseHook }): ActionClient {
  let cookie = "";
  return {
    cookie: () => cookie,
    async call(name, arg) {
      const id = ids.get(name);
      if (!id) throw new Error(`No server action named ${name} in the build`);
      const start = performance.timeOrigin + performance.now();
      const response = await fetch(`${baseUrl}/`, {
        method: "POST",
        headers: { "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: baseUrl, cookie },
        body: JSON.stringify([arg]),
      });
      const text = await response.text();
      onResponse?.({ name, status: response.status, text });
      const end = performance.timeOrigin + performance.now();
      const set = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
      if (set.length) cookie = mergeCookies(cookie, set);
      if (!response.ok) throw new Error(`${name} answered ${response.status}: ${text.slice(0, 200)}`);
      return { value: decodeFlight(text), ms: end - start, start, end, bytes: Buffer.byteLength(text) };
    },
  };
}

function mergeCookies(jar: string, set: string[]): string {
  const map = new Map(jar ? jar.split("; ").map((c) => [c.split("=")[0]!, c] as const) : []);
  for (const c of set) map.set(c.split("=")[0]!, c);
  return [...map.values()].join("; ");
}

/** Unwraps the app's `Result<T>`; a failed result is a failed bench run, not a data point. */
export function unwrap<T>(name: string, value: unknown): T {
  const result = value as { ok?: boolean; value?: T; error?: { message?: string } };
  if (!result || result.ok !== true) throw new Error(`${name} failed: ${JSON.stringify(result?.error ?? value).slice(0, 300)}`);
  return result.value as T;
}
