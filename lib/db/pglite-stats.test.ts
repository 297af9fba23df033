import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instrumentPglite, type PgliteStats } from "./pglite-stats";

let dir: string;
let client: PGlite;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "loupe-pglite-stats-"));
  client = await PGlite.create();
});
afterAll(async () => {
  await client.close();
  await rm(dir, { recursive: true, force: true });
});

describe("PGlite lock statistics", () => {
  it("times the wait for the one connection apart from the time holding it", async () => {
    const file = path.join(dir, "stats.json");
    const stop = instrumentPglite({ client, file });
    // A transaction that holds the connection for 150 ms while two queries ask for it.
    const held = client.transaction(async (tx) => {
      await tx.query("select 1");
      await sleep(150);
    });
    await sleep(10);
    await Promise.all([client.query("select 2"), client.exec("select 3"), held]);
    stop();
    const stats = JSON.parse(await readFile(file, "utf8")) as PgliteStats;
    expect(stats.turns).toBe(3);
    expect(stats.maxQueued).toBeGreaterThanOrEqual(2);
    expect(stats.waitMs.max).toBeGreaterThanOrEqual(100);
    expect(stats.busyMsTotal).toBeGreaterThanOrEqual(150);
    expect(stats.waitHistogram.reduce((n, b) => n + b.turns, 0)).toBe(3);
    expect(stats.eventLoopDelayMs.max).toBeGreaterThanOrEqual(0);
  });
});
