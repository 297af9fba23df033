import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "./client";
import { getProject } from "./queries";
import { setEnv } from "@/tests/support/env";

/*
 * PGlite lives inside the app's process, so how that process ends matters: a kill must not
 * corrupt the data directory, and a polite signal must close it and let the process exit.
 */

let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-pglite-proc-"));
  setEnv({ DATABASE_URL: undefined, LOUPE_DATA_DIR: dataDir });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function startChild(name: string): Promise<{ child: ChildProcess; projectId: string }> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join("tests", "support", "db-child.ts"), name],
    { cwd: process.cwd(), env: { ...process.env, LOUPE_DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\S+)\n/.exec(out);
      if (match?.[1]) resolve({ child, projectId: match[1] });
    });
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code, signal) => reject(new Error(`child ended early (${code ?? signal}): ${err}`)));
  });
}

// pg_control's DBState (offset 16, after system id and two version words): 1 = shut down cleanly, 6 = in production.
const SHUT_DOWN = 1;
const IN_PRODUCTION = 6;
async function clusterState(): Promise<number> {
  return (await fs.readFile(path.join(dataDir, "pgdata", "global", "pg_control"))).readInt32LE(16);
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("PGlite in a process that ends", { timeout: 120_000 }, () => {
  it("keeps committed writes when the process is killed outright", async () => {
    const { child, projectId } = await startChild("before the kill");
    child.kill("SIGKILL");
    expect((await exited(child)).signal).toBe("SIGKILL");
    expect(await clusterState()).toBe(IN_PRODUCTION); // left open: the next open has to recover
    expect((await getProject({ ownerId: "child", projectId }))?.name).toBe("before the kill");
    await closeDb();
  });

  it("closes the database on SIGTERM and lets the process end", async () => {
    const { child, projectId } = await startChild("before the signal");
    child.kill("SIGTERM");
    const ended = await Promise.race([
      exited(child),
      new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 15_000)),
    ]);
    expect(ended).toEqual({ code: null, signal: "SIGTERM" });
    expect(await clusterState()).toBe(SHUT_DOWN);
    expect((await getProject({ ownerId: "child", projectId }))?.name).toBe("before the signal");
    await closeDb();
  });
});
