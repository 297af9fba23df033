import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/db/client";
import { stopJobEngine } from "@/lib/jobs/engine";
import { provideTestPostgres, type TestPostgres } from "./test-postgres";
import { setEnv } from "./env";

/** Points this test file's process-wide database at a fresh embedded PGlite, removed afterwards. */
export function freshPgliteForFile(prefix: string): void {
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    setEnv({ DATABASE_URL: undefined, LOUPE_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    // The engine polls the database: it stops before the database closes.
    await stopJobEngine({ graceMs: 1000 });
    await closeDb();
    // Work a finished job set going may still write into the directory as it goes: the removal tries again.
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });
}

/** Points this test file's process-wide database at a fresh PostgreSQL database, dropped afterwards; `url()` names it. */
export function freshPostgresForFile(): { url: () => string } {
  let postgres: TestPostgres | undefined;
  beforeAll(async () => {
    postgres = await provideTestPostgres();
    setEnv({ DATABASE_URL: postgres.url });
  });
  afterAll(async () => {
    // The engine polls the database: it stops before the database closes.
    await stopJobEngine({ graceMs: 1000 });
    await closeDb();
    await postgres?.release();
  });
  return {
    url: () => {
      if (!postgres) throw new Error("The test database starts in beforeAll.");
      return postgres.url;
    },
  };
}
