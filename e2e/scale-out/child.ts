import { spawn, type ChildProcess } from "node:child_process";

// Plain Node (run by tsx from Playwright's webServer and imported by specs): no Next, no vitest.

export type Child = {
  pid: number;
  /** The last 20 kB of what the process wrote (stdout and stderr), to check or to explain a failure. */
  output: () => string;
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit; throws (after a SIGKILL) when it does not come within timeoutMs. */
  stop: (options?: { timeoutMs?: number }) => Promise<number | null>;
};

/** Starts `node <args>` with its output collected. `node` itself rather than `npx`/`npm`: the pid is the program's own, so SIGTERM reaches it directly. */
export function spawnNode({ args, env, name }: { args: string[]; env: Record<string, string>; name: string }): Child {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { pid: child.pid ?? -1, output: () => output, exited, stop: (options) => stopChild({ child, exited, name, output: () => output, ...options }) };
}

async function stopChild({
  child,
  exited,
  name,
  output,
  timeoutMs = 20_000,
}: {
  child: ChildProcess;
  exited: Promise<number | null>;
  name: string;
  output: () => string;
  timeoutMs?: number;
}) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill("SIGTERM");
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), timeoutMs).unref());
  const result = await Promise.race([exited, timer]);
  if (result !== "timeout") return result;
  // A process that ignores SIGTERM (e.g. an open database keeping the loop alive) is a bug the caller reports.
  child.kill("SIGKILL");
  await exited;
  throw new Error(`${name} (pid ${child.pid}) did not exit within ${timeoutMs} ms of SIGTERM:\n${output().slice(-4000)}`);
}
