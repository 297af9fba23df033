import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { Pool } from "pg";
import { env } from "@/lib/env";
import { instrumentPglite } from "./pglite-stats";
import * as schema from "./schema";

/** The common drizzle type of both drivers: queries written against it compile for PGlite and pg alike. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbEngine = "pglite" | "postgres";
export type DbConfig = { engine: "pglite"; dataDir: string } | { engine: "postgres"; url: string };

/** Raw SQL on the open database, in the shape pg-boss's `db` option takes. */
export type SqlExecutor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

type DbHandle = { db: Db; engine: DbEngine; close: () => Promise<void>; pool?: Pool; sql: SqlExecutor };

/**
 * PGlite's `query` runs one statement with parameters; pg-boss also sends parameterless
 * multi-statement scripts (its migrations, its maintenance), which only `exec` runs.
 */
function pgliteExecutor(client: PGlite): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  };
}

// Any constant works; it only has to be the same for every Loupe process sharing a database.
const MIGRATION_LOCK_ID = 0x4c6f757065;

export function migrationsFolder(): string {
  // Resolved from the working directory because Next bundles this module away from its source file.
  return path.join(process.cwd(), "lib", "db", "migrations");
}

export function dbConfigFromEnv(): DbConfig {
  const { DATABASE_URL, LOUPE_DATA_DIR } = env();
  if (DATABASE_URL) return { engine: "postgres", url: DATABASE_URL };
  return { engine: "pglite", dataDir: path.resolve(LOUPE_DATA_DIR, "pgdata") };
}

/*
 * PGlite runs Postgres inside this process's WebAssembly heap, which never shrinks: every page
 * Postgres touches stays resident. Its server defaults (shared_buffers 128 MB) size a cache for
 * a machine's worth of data; Loupe's rows are small and hot, so a 16 MB cache holds them and
 * the process stays ~150 MB lighter (measured in bench/README.md, "memory").
 */
const PGLITE_CONF = ["shared_buffers = 16MB", "work_mem = 2MB", "maintenance_work_mem = 8MB", "temp_buffers = 2MB", "wal_buffers = 1MB"];

async function openPglite(dataDir: string): Promise<DbHandle> {
  await fs.mkdir(dataDir, { recursive: true });
  const fresh = !(await fs.stat(path.join(dataDir, "PG_VERSION")).catch(() => null));
  let client = await PGlite.create(dataDir, { postgresqlconf: PGLITE_CONF });
  if (fresh) {
    // The first open runs initdb, whose WebAssembly instance (~450 MB) the open instance keeps
    // reachable; closing and reopening once lets it go for the life of the process.
    await client.close();
    client = await PGlite.create(dataDir, { postgresqlconf: PGLITE_CONF });
  }
  const statsFile = env().LOUPE_DB_STATS_FILE;
  const stopStats = statsFile ? instrumentPglite({ client, file: statsFile }) : () => undefined;
  try {
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder: migrationsFolder() });
    return {
      db,
      engine: "pglite",
      sql: pgliteExecutor(client),
      close: () => {
        stopStats();
        return client.close();
      },
    };
  } catch (error) {
    stopStats();
    await client.close();
    throw error;
  }
}

async function migratePostgres(pool: Pool): Promise<void> {
  // drizzle's migrator is not safe against itself: two app instances starting together on one
  // database would both create the tables. A session-level advisory lock makes them take turns.
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    try {
      await migratePg(drizzlePg({ client, schema }), { migrationsFolder: migrationsFolder() });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
    }
  } finally {
    client.release();
  }
}

async function openPostgres(url: string): Promise<DbHandle> {
  // A server that does not answer (a firewall dropping packets) fails a connect in 10 s rather than never.
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("[loupe] postgres pool error", error));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const sql: SqlExecutor = { executeSql: async (text, values) => ({ rows: (await pool.query(text, values)).rows }) };
  return { db: drizzlePg({ client: pool, schema }), engine: "postgres", close: () => pool.end(), pool, sql };
}

/** Opens a database and applies pending migrations. Most code wants `getDb()` instead. */
export function openDb(config: DbConfig): Promise<DbHandle> {
  return config.engine === "postgres" ? openPostgres(config.url) : openPglite(config.dataDir);
}

// Kept on globalThis because Next dev re-evaluates modules on every edit; a second PGlite on the
// same directory would corrupt it.
const globalStore = globalThis as typeof globalThis & {
  __loupeDb?: Promise<DbHandle>;
  __loupeDbShutdownHooked?: boolean;
  __loupeDbStopping?: boolean;
  __loupeBeforeDbClose?: (() => Promise<void>)[];
  __loupeLentClients?: (() => void)[];
};

/**
 * Work to finish before the database closes on SIGTERM or SIGINT: the job workers hand their
 * jobs back (or finish them) through the database, so they stop first.
 */
export function beforeDbClose(hook: () => Promise<void>): void {
  (globalStore.__loupeBeforeDbClose ??= []).push(hook);
}

async function runBeforeCloseHooks(): Promise<void> {
  const hooks = globalStore.__loupeBeforeDbClose ?? [];
  globalStore.__loupeBeforeDbClose = [];
  await Promise.all(hooks.map((hook) => hook().catch((error: unknown) => console.error("[loupe] shutdown hook failed", error))));
}

function hookShutdown(): void {
  if (globalStore.__loupeDbShutdownHooked) return;
  globalStore.__loupeDbShutdownHooked = true;
  // An open PGlite keeps the event loop alive, and a clean close spares the next start a WAL replay.
  process.once("beforeExit", () => void closeDb());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      globalStore.__loupeDbStopping = true;
      const closing = closeWithin(shutdownCloseMs());
      holdExitUntil(closing);
      void closing.finally(() => {
        // Our listener replaced Node's default action; restore it unless someone else (Next) handles the signal.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}

/** True once SIGTERM or SIGINT has begun closing the database: new long-lived work is turned away. */
export function isShuttingDown(): boolean {
  return globalStore.__loupeDbStopping === true;
}

// A PGlite close (a checkpoint) takes well under a second, after the job workers' grace period; past this, exiting beats hanging.
const shutdownCloseMs = () => env().LOUPE_SHUTDOWN_GRACE_MS + 10_000;

function closeWithin(ms: number): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
  const started = Date.now();
  const close = async () => {
    await runBeforeCloseHooks();
    console.info(`[loupe] shutdown: workers stopped after ${Date.now() - started} ms`);
    await closeDb();
    console.info(`[loupe] shutdown: database closed after ${Date.now() - started} ms`);
  };
  return Promise.race([close().catch((error: unknown) => console.error("[loupe] closing the database failed", error)), timeout]);
}

/**
 * `next start` answers a signal by closing its HTTP server and then calling process.exit(143),
 * which would cut PGlite's close short and leave the cluster to be recovered on the next start.
 * Until the database is closed, an exit is deferred rather than taken.
 */
function holdExitUntil(closing: Promise<void>): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    void closing.finally(() => exit(code));
  }) as typeof process.exit;
}

async function currentHandle(): Promise<DbHandle> {
  if (!globalStore.__loupeDb) {
    const opening = openDb(dbConfigFromEnv());
    globalStore.__loupeDb = opening;
    // A failed open is not cached: the next call tries again (e.g. once the server is up).
    opening.catch(() => {
      if (globalStore.__loupeDb === opening) globalStore.__loupeDb = undefined;
    });
    hookShutdown();
  }
  return globalStore.__loupeDb;
}

/** The process-wide database, opened and migrated on first use. */
export async function getDb(): Promise<Db> {
  return (await currentHandle()).db;
}

export async function getDbEngine(): Promise<DbEngine> {
  return (await currentHandle()).engine;
}

/** The PostgreSQL pool behind `getDb()` (for stores that speak `pg` themselves); null on PGlite. */
export async function getPostgresPool(): Promise<Pool | null> {
  return (await currentHandle()).pool ?? null;
}

/**
 * Runs `body` while no other process on this database does (PostgreSQL: a session advisory
 * lock; PGlite has one process). The job engine creates its schema at first start, and two app
 * instances starting together would both try.
 */
export async function withSetupLock<T>(body: () => Promise<T>): Promise<T> {
  const pool = await getPostgresPool();
  if (!pool) return body();
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID + 1]);
    try {
      return await body();
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID + 1]);
    }
  } finally {
    client.release();
  }
}

/** Raw SQL on the process-wide database (the job engine's connection). */
export async function getSqlExecutor(): Promise<SqlExecutor> {
  return (await currentHandle()).sql;
}

/** Closes the process-wide database; the next `getDb()` opens it again. */
export async function closeDb(): Promise<void> {
  const opening = globalStore.__loupeDb;
  if (!opening) return;
  globalStore.__loupeDb = undefined;
  const handle = await opening.catch(() => undefined);
  const lent = globalStore.__loupeLentClients ?? [];
  globalStore.__loupeLentClients = [];
  for (const giveBack of lent) giveBack();
  await handle?.close();
}

/**
 * A connection kept out of the pool for good (the LISTEN connection) is given back, closed, when
 * the database closes: the pool's end waits for every client it lent.
 */
export function onPoolEnd(giveBack: () => void): void {
  (globalStore.__loupeLentClients ??= []).push(giveBack);
}
