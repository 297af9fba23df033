import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ALLOCATOR_ENV } from "../scripts/allocator-env.mjs";

/** One `next start` of the bench build, on loopback, with the environment the bench chooses. */
export type AppServer = { url: string; pid: number; rssBytes(): number; stop(): Promise<void> };

/**
 * The benchmark drives hundreds of calls a minute from one address and one owner, far past what
 * a designer does, so the request-rate limits and the visitor budget (issue 17: $5 a day per
 * cookie-less visitor, which 300 iterations of fake OpenAI renders pass) are off; each call's
 * admission (the job cap) stays in what is measured.
 */
const NO_RATE_LIMITS = { LOUPE_RATE_LIMIT_PER_OWNER: "0", LOUPE_RATE_LIMIT_PER_IP: "0", LOUPE_ANONYMOUS_DAILY_BUDGET_USD: "0" };

export async function startAppServer(input: {
  appDir: string;
  nextBin: string;
  port: number;
  env: Record<string, string>;
  dataDir: string;
  /** Called once the port accepts connections, before the first page is requested (memory profile). */
  onListening?: (pid: number) => Promise<void>;
}): Promise<AppServer> {
  rmSync(input.dataDir, { recursive: true, force: true });
  const child = spawn(process.execPath, [...nodeArgs(), input.nextBin, "start", "-H", "127.0.0.1", "-p", String(input.port)], {
    cwd: input.appDir,
    // ALLOCATOR_ENV: glibc's malloc settings, as `npm start` runs the server (scripts/start.mjs).
    env: withoutEmpty({ PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", LOUPE_DATA_DIR: input.dataDir, ...ALLOCATOR_ENV, ...NO_RATE_LIMITS, ...input.env }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${input.port}`;
  const pid = child.pid!;
  await waitUntilListening({ port: input.port, child, stderr: () => stderr });
  await input.onListening?.(pid);
  await waitUntilUp({ url, child, stderr: () => stderr });
  return { url, pid, rssBytes: () => treeRss(pid), stop: () => stop(child) };
}

// An empty value unsets a variable, e.g. `MALLOC_ARENA_MAX: ""` for glibc's own default (memory profile).
const withoutEmpty = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")) as NodeJS.ProcessEnv;

// BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server while the bench drives it.
const nodeArgs = (): string[] => process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];

async function waitUntilUp({ url, child, stderr }: { url: string; child: ChildProcess; stderr: () => string }) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${stderr()}`);
    const ok = await fetch(`${url}/`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`next start did not answer within 60 s: ${stderr()}`);
}

async function waitUntilListening({ port, child, stderr }: { port: number; child: ChildProcess; stderr: () => string }) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: "127.0.0.1" }, () => resolve(true)).on("error", () => resolve(false));
      socket.unref();
      socket.once("connect", () => socket.destroy());
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`next start did not listen within 60 s: ${stderr()}`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(10_000).then(() => child.kill("SIGKILL"))]);
}

/** Resident memory of a process and its descendants, from /proc (Linux). */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    const ppid = readStatus(Number(entry))?.ppid;
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const current = queue.pop()!;
    total += (readStatus(current)?.rssKb ?? 0) * 1024;
    queue.push(...(children.get(current) ?? []));
  }
  return total;
}

function readStatus(pid: number): { ppid: number; rssKb: number } | undefined {
  try {
    const status = readFileSync(path.join("/proc", String(pid), "status"), "utf8");
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { ppid, rssKb };
  } catch {
    return undefined; // the process ended between listing and reading
  }
}
