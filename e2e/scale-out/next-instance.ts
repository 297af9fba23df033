import path from "node:path";
import { spawnNode } from "./child";

// Plain Node (run by tsx from Playwright's webServer and imported by specs): no Next, no vitest.

export type NextInstance = {
  url: string;
  port: number;
  /** Everything the server wrote, to explain a failure. */
  output: () => string;
  /** SIGTERM, then waits for the exit; resolves with the exit code (null when killed by a signal). */
  stop: (options?: { timeoutMs?: number }) => Promise<number | null>;
};

const NEXT_BIN = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/** Starts `next start` on the existing production build and waits until `/` answers. */
export async function startNextInstance({
  port,
  env,
  timeoutMs = 90_000,
}: {
  port: number;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<NextInstance> {
  const child = spawnNode({ args: [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], env: { ...env, PORT: String(port) }, name: `next start on :${port}` });
  const url = `http://127.0.0.1:${port}`;
  const instance: NextInstance = { url, port, output: child.output, stop: child.stop };
  try {
    await waitUntilUp({ url, exited: child.exited, timeoutMs });
  } catch (error) {
    await instance.stop();
    throw new Error(`next start on :${port} did not come up:\n${child.output().slice(-4000)}`, { cause: error });
  }
  return instance;
}

async function waitUntilUp({ url, exited, timeoutMs }: { url: string; exited: Promise<number | null>; timeoutMs: number }) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error("the server exited during start-up");
    const ok = await fetch(`${url}/`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer within ${timeoutMs} ms`);
}
