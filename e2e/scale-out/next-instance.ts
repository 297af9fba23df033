import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

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
  // `node next` rather than `npx next`: the pid is the server's own, so SIGTERM reaches it directly.
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const instance: NextInstance = { url, port, output: () => output, stop: (options) => stopChild({ child, exited, output: () => output, ...options }) };
  try {
    await waitUntilUp({ url, exited, timeoutMs });
  } catch (error) {
    await instance.stop();
    throw new Error(`next start on :${port} did not come up:\n${output.slice(-4000)}`, { cause: error });
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

async function stopChild({
  child,
  exited,
  output,
  timeoutMs = 20_000,
}: {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  timeoutMs?: number;
}) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill("SIGTERM");
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), timeoutMs).unref());
  const result = await Promise.race([exited, timer]);
  if (result !== "timeout") return result;
  // A server that ignores SIGTERM (e.g. an open PGlite keeping the loop alive) is a bug the caller reports.
  child.kill("SIGKILL");
  await exited;
  throw new Error(`the server on pid ${child.pid} did not exit within ${timeoutMs} ms of SIGTERM:\n${output().slice(-4000)}`);
}
