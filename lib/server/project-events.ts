import "server-only";
import { EventEmitter } from "node:events";
import { beforeDbClose } from "@/lib/db/client";
import { insertProjectEvent, projectEventsAfter, type StoredProjectEvent } from "@/lib/db/event-queries";
import { notify, onNotify } from "./pg-notify";

/*
 * What happens in a project, as it happens: every event is written to the project's ordered
 * log (project_events) and then announced. In one process (PGlite) the announcement is an
 * in-process bus; on PostgreSQL it is also a NOTIFY that every instance LISTENs for, so a
 * browser connected to one instance hears of work another instance (or a worker process) did.
 * A listener reads the log after the last id it sent, so events arrive once and in order,
 * and a reconnect with Last-Event-ID resumes where it stopped.
 */

export type ProjectEventType = "iteration" | "auto-run" | "auto-round";

const CHANNEL = "loupe_project_events";

const globalStore = globalThis as typeof globalThis & {
  __loupeProjectBus?: EventEmitter;
  __loupeProjectRelay?: Promise<unknown>;
  __loupeProjectFollowers?: Set<() => void>;
};

/**
 * The followers' `onShutdown` callbacks. On SIGTERM `next start` closes its HTTP server and
 * waits for every open response before it exits, and an event stream never ends by itself:
 * the streams are ended first, and the browser's EventSource reconnects to the next server.
 */
function shutdownCallbacks(): Set<() => void> {
  if (!globalStore.__loupeProjectFollowers) {
    const callbacks = new Set<() => void>();
    globalStore.__loupeProjectFollowers = callbacks;
    beforeDbClose(async () => {
      for (const end of callbacks) end();
      callbacks.clear();
    });
  }
  return globalStore.__loupeProjectFollowers;
}

/** This process's bus; on PostgreSQL every NOTIFY from another process is relayed onto it. */
async function bus(): Promise<EventEmitter> {
  if (!globalStore.__loupeProjectBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalStore.__loupeProjectBus = emitter;
  }
  const emitter = globalStore.__loupeProjectBus;
  globalStore.__loupeProjectRelay ??= onNotify(CHANNEL, (projectId) => emitter.emit(projectId)).catch((error: unknown) => {
    globalStore.__loupeProjectRelay = undefined;
    throw error;
  });
  await globalStore.__loupeProjectRelay;
  return emitter;
}

/** Writes an event to the project's log and tells every listener, here and on other instances. */
export async function publishProjectEvent({ projectId, ownerId, type, data }: { projectId: string; ownerId: string; type: ProjectEventType; data: unknown }): Promise<void> {
  await insertProjectEvent({ projectId, ownerId, type, data });
  // Listeners here hear at once; on PostgreSQL the NOTIFY tells the other processes (and comes back here, read as a no-op).
  (await bus()).emit(projectId);
  await notify(CHANNEL, projectId);
}

/**
 * Calls `onEvents` with the project's events after `afterId`, now and whenever more are
 * published, in order and once each; `onShutdown` when this process stops. Answers the
 * function that stops listening.
 */
export async function followProjectEvents({
  projectId,
  ownerId,
  afterId,
  onEvents,
  onShutdown,
}: {
  projectId: string;
  ownerId: string;
  afterId: number;
  onEvents: (events: StoredProjectEvent[]) => void;
  onShutdown: () => void;
}): Promise<() => void> {
  const emitter = await bus();
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
  const callbacks = shutdownCallbacks();
  callbacks.add(onShutdown);
  poke();
  return () => {
    stopped = true;
    emitter.off(projectId, poke);
    callbacks.delete(onShutdown);
  };
}
