import { describe } from "vitest";
import { freshPgliteForFile } from "@/tests/support/db-suite";
import { describeLimitsContract } from "@/tests/support/contracts/limits-contract";

freshPgliteForFile("loupe-limits-");

describe("limits on one process (PGlite, counts in memory)", () => {
  describeLimitsContract();
});
