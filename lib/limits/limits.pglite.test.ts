import { describe } from "vitest";
import { freshPgliteForFile } from "@/lib/testing/db-suite";
import { describeLimitsContract } from "./limits-contract";

freshPgliteForFile("loupe-limits-");

describe("limits on one process (PGlite, counts in memory)", () => {
  describeLimitsContract();
});
