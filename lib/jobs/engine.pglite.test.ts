import { describe } from "vitest";
import { describeJobsContract } from "@/tests/support/contracts/jobs-contract";
import { freshPgliteForFile } from "@/tests/support/db-suite";

freshPgliteForFile("loupe-jobs-");

describe("job engine on PGlite", () => {
  describeJobsContract({ engine: "pglite" });
});
