import { describe, expect, it } from "vitest";
import { cancelRender, trackRender, watchCancel } from "./cancellation";

describe("render cancellation", () => {
  it("aborts a tracked render by key, once, and forgets it on release", () => {
    const render = trackRender("owner:key-1");
    expect(render.signal.aborted).toBe(false);
    expect(cancelRender("owner:key-1")).toBe(true);
    expect(render.signal.aborted).toBe(true);
    render.release();
    expect(cancelRender("owner:key-1")).toBe(false);
  });

  it("does not touch other renders", () => {
    const a = trackRender("owner:a");
    const b = trackRender("owner:b");
    cancelRender("owner:a");
    expect([a.signal.aborted, b.signal.aborted]).toEqual([true, false]);
    a.release();
    b.release();
  });

  it("cancels when the database says another instance recorded a cancel", async () => {
    const render = trackRender("owner:remote");
    let reads = 0;
    const stop = watchCancel({ render, intervalMs: 5, isCancelled: async () => ++reads >= 3 });
    await new Promise<void>((resolve) => render.signal.addEventListener("abort", () => resolve(), { once: true }));
    stop();
    expect(reads).toBe(3);
    render.release();
  });

  it("stops polling once the render ends", async () => {
    const render = trackRender("owner:done");
    let reads = 0;
    const stop = watchCancel({ render, intervalMs: 5, isCancelled: async () => (reads++, false) });
    await new Promise((r) => setTimeout(r, 30));
    stop();
    const after = reads;
    await new Promise((r) => setTimeout(r, 30));
    expect(reads).toBe(after);
    expect(render.signal.aborted).toBe(false);
    render.release();
  });
});
