import "server-only";
import { EventEmitter } from "node:events";
import type { PoolClient } from "pg";
import { getPostgresPool } from "@/lib/db/client";
import { insertProjectEvent, projectEventsAfter, type StoredProjectEvent } from "@/lib/db/event-queries";

/*
 * What happens in a project, as it happens: every event is written to the project's ordered
 * log (project_events) and then announced. In one process (PGlite) the announcement is an
 * in-process bus; on PostgreSQL it is also a NOTIFY that every instance LISTENs for, so a
 * browser connected to one instance hears of work another instance (or a worker process) did.
 * A listener reads the log after the last id it sent, so events arrive once and in order,
 * and a reconnect with Last-Event-ID resumes where it stopped.
 */

export type ProjectEventType = "iteration" | "auto-run";

const CHANNEL = "loupe_project_events";

type Bus = { emitter: EventEmitter; listening?: Promise<PoolClient | null> };
const globalStore = globalThis as typeof globalThis & { __loupeProjectBus?: Bus };

function bus(): Bus {
  if (!globalStore.__loupeProjectBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalStore.__loupeProjectBus = { emitter };
  }
  return globalStore.__loupeProjectBus;
}

/** One LISTEN connection per process on PostgreSQL; null on PGlite, where the bus alone is enough. */
function listen(): Promise<PoolClient | null> {
  const state = bus();
  state.listening ??= (async () => {
    const pool = await getPostgresPool();
    if (!pool) return null;
    const client = await pool.connect();
    client.on("notification", (message) => {
      if (message.channel === CHANNEL && message.payload) state.emitter.emit(message.payload);
    });
    client.on("error", (error) => {
      console.error("[loupe] project events: listen connection lost", error.message);
      state.listening = undefined;
    });
    await client.query(`listen ${CHANNEL}`);
    return client;
  })().catch((error: unknown) => {
    state.listening = undefined;
    throw error;
  });
  return state.listening;
}

/** Writes an event to the project's log and tells every listener, here and on other instances. */
export async function publishProjectEvent({ projectId, ownerId, type, data }: { projectId: string; ownerId: string; type: ProjectEventType; data: unknown }): Promise<void> {
  await insertProjectEvent({ projectId, ownerId, type, data });
  bus().emitter.emit(projectId);
  const pool = await getPostgresPool();
  if (pool) await pool.query("select pg_notify($1, $2)", [CHANNEL, projectId]);
}

/**
 * Calls `onEvents` with the project's events after `afterId`, now and whenever more are
 * published, in order and once each. Answers the function that stops listening.
 */
export async function followProjectEvents({
  projectId,
  ownerId,
  afterId,
  onEvents,
}: {
  projectId: string;
  ownerId: string;
  afterId: number;
  onEvents: (events: StoredProjectEvent[]) => void;
}): Promise<() => void> {
  await listen();
  const { emitter } = bus();
  let last = afterId;
  let reading: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const read = async () => {
    do {
      again = false;
      for (;;) {
        const events = await projectEventsAfter({ projectId, ownerId, afterId: last });
        if (stopped || events.length === 0) break;
        last = events.at(-1)!.id;
        onEvents(events);
      }
    } while (again && !stopped);
  };
  const poke = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = read()
      .catch((error: unknown) => console.error("[loupe] project events: read failed", error))
      .finally(() => {
        reading = null;
        if (again && !stopped) poke();
      });
  };
  emitter.on(projectId, poke);
  poke();
  return () => {
    stopped = true;
    emitter.off(projectId, poke);
  };
}
