import "server-only";
import { EventEmitter } from "node:events";
import type { PoolClient } from "pg";
import { getPostgresPool, onPoolEnd } from "@/lib/db/client";

/*
 * PostgreSQL's LISTEN/NOTIFY, for news that must reach every process on one database (app
 * instances and worker processes): one LISTEN connection per process, shared by every
 * channel. On PGlite (one process) there is nobody else to tell, so nothing is sent.
 */

type Listener = { emitter: EventEmitter; client?: Promise<PoolClient | null>; channels: Set<string> };
const globalStore = globalThis as typeof globalThis & { __loupePgNotify?: Listener };

function listener(): Listener {
  if (!globalStore.__loupePgNotify) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalStore.__loupePgNotify = { emitter, channels: new Set() };
  }
  return globalStore.__loupePgNotify;
}

function connect(state: Listener): Promise<PoolClient | null> {
  state.client ??= (async () => {
    const pool = await getPostgresPool();
    if (!pool) return null;
    const client = await pool.connect();
    onPoolEnd(() => {
      state.client = undefined;
      client.removeAllListeners("error");
      client.on("error", () => undefined);
      client.release(true);
    });
    client.on("notification", (message) => state.emitter.emit(message.channel, message.payload ?? ""));
    client.on("error", (error) => {
      // The next subscriber (or the next reconnect below) listens again on a fresh connection.
      console.error("[loupe] LISTEN connection lost:", error.message);
      state.client = undefined;
      setTimeout(() => void relisten(state), 1000).unref();
    });
    for (const channel of state.channels) await client.query(`listen ${channel}`);
    return client;
  })().catch((error: unknown) => {
    state.client = undefined;
    throw error;
  });
  return state.client;
}

async function relisten(state: Listener): Promise<void> {
  await connect(state).catch((error: unknown) => console.error("[loupe] LISTEN reconnect failed:", error));
}

/** Calls `handler` with the payload of every NOTIFY on `channel` (this process's own included). */
export async function onNotify(channel: string, handler: (payload: string) => void): Promise<() => void> {
  const state = listener();
  state.emitter.on(channel, handler);
  if (!state.channels.has(channel)) {
    state.channels.add(channel);
    const client = await connect(state);
    if (client && state.channels.has(channel)) await client.query(`listen ${channel}`);
  } else {
    await connect(state);
  }
  return () => state.emitter.off(channel, handler);
}

/** Tells every process listening on `channel`; nothing on PGlite. */
export async function notify(channel: string, payload: string): Promise<void> {
  const pool = await getPostgresPool();
  if (pool) await pool.query("select pg_notify($1, $2)", [channel, payload]);
}
