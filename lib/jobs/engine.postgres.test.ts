import { describe } from "vitest";
import { describeJobsContract } from "@/tests/support/contracts/jobs-contract";
import { freshPostgresForFile } from "@/tests/support/db-suite";

freshPostgresForFile();

describe("job engine on PostgreSQL", () => {
  describeJobsContract({ engine: "postgres" });
});
