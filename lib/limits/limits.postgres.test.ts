import { describe } from "vitest";
import { freshPostgresForFile } from "@/tests/support/db-suite";
import { describeLimitsContract } from "@/tests/support/contracts/limits-contract";

freshPostgresForFile();

describe("limits shared by instances (PostgreSQL)", () => {
  describeLimitsContract();
});
