import { spawnNode, type Child } from "./child";

// Plain Node (run by tsx from Playwright's webServer): no Next, no vitest.

/** What `npm run worker` runs (package.json), without npm in between so SIGTERM reaches the worker itself. */
export const WORKER_ARGS = ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"];

const READY = /\[loupe\] worker ready: .* \(pid \d+\)/;

/** Starts a job worker process (`npm run worker`) and waits for its ready line. */
export async function startWorker({ env, timeoutMs = 90_000 }: { env: Record<string, string>; timeoutMs?: number }): Promise<Child> {
  const worker = spawnNode({ args: WORKER_ARGS, env, name: "npm run worker" });
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void worker.exited.then(() => (gone = true));
  while (!READY.test(worker.output())) {
    if (gone || Date.now() > deadline) {
      await worker.stop().catch(() => undefined);
      throw new Error(`npm run worker did not become ready (${gone ? "it exited" : `no ready line within ${timeoutMs} ms`}):\n${worker.output().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return worker;
}
