import { describe, expect, it } from "vitest";
import { freshPostgresForFile } from "@/tests/support/db-suite";
import { createDatabase } from "@/tests/support/postgres-server";
import { closeDb, getDbEngine, openDb } from "./client";
import { describeQueryContract } from "@/tests/support/contracts/query-contract";
import { createProject, listProjects } from "./queries";

const postgres = freshPostgresForFile();

describe("PostgreSQL", () => {
  it("is the engine when DATABASE_URL is set", async () => {
    expect(await getDbEngine()).toBe("postgres");
  });

  it("lets app instances starting together migrate one database without tripping over each other", async () => {
    const fresh = await createDatabase({ serverUrl: postgres.url() });
    try {
      const opened = await Promise.allSettled([1, 2, 3].map(() => openDb({ engine: "postgres", url: fresh.url })));
      await Promise.all(opened.map((o) => (o.status === "fulfilled" ? o.value.close() : undefined)));
      expect(opened.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual(["ok", "ok", "ok"]);
    } finally {
      await fresh.drop();
    }
  });

  it("keeps data across close and reopen", async () => {
    const project = await createProject({ ownerId: "reopen", name: "Persisted" });
    await closeDb();
    expect((await listProjects("reopen")).map((p) => p.id)).toEqual([project.id]);
  });

  describeQueryContract();
});
