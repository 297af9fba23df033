import { describe } from "vitest";
import { freshPostgresForFile } from "@/lib/testing/db-suite";
import { describeLimitsContract } from "./limits-contract";

freshPostgresForFile();

describe("limits shared by instances (PostgreSQL)", () => {
  describeLimitsContract();
});
