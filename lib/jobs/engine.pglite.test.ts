import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { closeDb } from "@/lib/db/client";
import { describeJobsContract } from "@/tests/support/contracts/jobs-contract";
import { setEnv } from "@/tests/support/env";

let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-jobs-"));
  setEnv({ DATABASE_URL: undefined, LOUPE_DATA_DIR: dataDir });
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("job engine on PGlite", () => {
  describeJobsContract({ engine: "pglite" });
});
