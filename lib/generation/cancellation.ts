import "server-only";

/**
 * In-process registry of renders that can be cancelled. A server action cannot be aborted by
 * the browser, so Cancel is a second request that finds the render's AbortController here by
 * its key. Another instance (scale-out) cannot reach this map: it learns of the cancel from the
 * database instead (see `watchCancel`). Kept on globalThis so every server bundle sees one map.
 */
type Registry = Map<string, AbortController>;
const REGISTRY = Symbol.for("loupe.generation.cancellable-renders");

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= new Map());
}

export type CancellableRender = { signal: AbortSignal; cancel(): void; release(): void };

/** Registers a render under `key` (its idempotency key); call `release` when it ends. */
export function trackRender(key: string): CancellableRender {
  const controller = new AbortController();
  registry().set(key, controller);
  return {
    signal: controller.signal,
    cancel: () => controller.abort(new Error("The render was cancelled.")),
    release: () => {
      if (registry().get(key) === controller) registry().delete(key);
    },
  };
}

/** Aborts the render registered under `key` on this instance; false when there is none here. */
export function cancelRender(key: string): boolean {
  const controller = registry().get(key);
  if (!controller) return false;
  controller.abort(new Error("The render was cancelled."));
  return true;
}

/**
 * Polls `isCancelled` (a database read) every `intervalMs` until the render ends, and cancels
 * it when another instance recorded a cancel. Returns the function that stops the polling.
 */
export function watchCancel(input: { render: CancellableRender; isCancelled: () => Promise<boolean>; intervalMs?: number }): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped || input.render.signal.aborted) return;
    const cancelled = await input.isCancelled().catch(() => false);
    if (cancelled) input.render.cancel();
    else if (!stopped) timer = setTimeout(tick, input.intervalMs ?? 500);
  };
  timer = setTimeout(tick, input.intervalMs ?? 500);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
