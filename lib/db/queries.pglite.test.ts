import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, getDbEngine } from "./client";
import { describeQueryContract } from "@/tests/support/contracts/query-contract";
import { createProject, getProject } from "./queries";
import { setEnv } from "@/tests/support/env";

let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-pglite-"));
  setEnv({ DATABASE_URL: undefined, LOUPE_DATA_DIR: dataDir });
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("PGlite", () => {
  it("is the engine when DATABASE_URL is unset, stored under LOUPE_DATA_DIR/pgdata", async () => {
    expect(await getDbEngine()).toBe("pglite");
    expect((await fs.stat(path.join(dataDir, "pgdata", "PG_VERSION"))).isFile()).toBe(true);
  });

  it("opens once per process however many callers race", async () => {
    await closeDb();
    const [a, b, c] = await Promise.all([getDb(), getDb(), getDb()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it("keeps data across close and reopen", async () => {
    const project = await createProject({ ownerId: "reopen", name: "Persisted" });
    await closeDb();
    expect((await getProject({ ownerId: "reopen", projectId: project.id }))?.name).toBe("Persisted");
  });

  describeQueryContract();
});
