import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * One `next start` of the repository's production build (`next build` runs first in
 * scripts/test.sh), in its own process group so that a SIGKILL takes the whole server down at
 * once, as a crash or an OOM kill would.
 */
export type AppServer = {
  url: string;
  child: ChildProcess;
  /** Last lines the server wrote, for failure messages. */
  log(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
};

// Run from the repository root (npm test does).
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

export async function startApp({ port, env }: { port: number; env: Record<string, string> }): Promise<AppServer> {
  const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    detached: true,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOUPE_COOKIE_SECRET: "reliability-cookie-secret-not-for-production",
      ANTHROPIC_API_KEY: "",
      OPENAI_API_KEY: "",
      DATABASE_URL: "",
      LOUPE_S3_BUCKET: "",
      // The fakes are on loopback over http, as in the e2e suite.
      LOUPE_ALLOW_PRIVATE_URLS: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-6000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: AppServer = {
    url,
    child,
    log: () => output,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return; // already gone
      }
      await Promise.race([exited, sleep(15_000).then(() => process.kill(-child.pid!, "SIGKILL"))]);
      await exited;
    },
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${output}`);
    if (await fetch(`${url}/`).then((r) => r.ok, () => false)) return server;
    await sleep(100);
  }
  await server.kill("SIGKILL");
  throw new Error(`next start did not answer within 90 s: ${output}`);
}
