import { describe, expect, it } from "vitest";
import { LoupeError } from "@/lib/errors";
import { startDeadline, toResultWithin, withDeadline } from "./deadline";

describe("action deadline", () => {
  it("leaves failures alone before it fires, and explains any failure after it as the deadline", async () => {
    const deadline = startDeadline(50);
    const early = new LoupeError("claude_overloaded", { retryable: true });
    expect(deadline.explain(early)).toBe(early);
    await new Promise((resolve) => deadline.signal.addEventListener("abort", resolve));
    const late = deadline.explain(new DOMException("This operation was aborted", "AbortError"));
    expect(late).toMatchObject({ code: "deadline_exceeded", retryable: true });
    expect((late as LoupeError).message).toMatch(/50 ms/);
  });

  it("answers an action cut off by its deadline with a typed, retryable error and no internals", async () => {
    const result = await toResultWithin(async (deadline) => {
      await new Promise((_, reject) => withDeadline(deadline, undefined).addEventListener("abort", () => reject(new Error("socket hang up at /srv/app.js:1"))));
    }, { ms: 50 });
    expect(result).toEqual({ ok: false, error: { code: "deadline_exceeded", message: expect.stringMatching(/^This took longer than the server allows/), retryable: true } });
    expect(JSON.stringify(result)).not.toContain("/srv");
  });

  it("fires on the caller's own signal too", () => {
    const deadline = startDeadline(60_000);
    const caller = new AbortController();
    const signal = withDeadline(deadline, caller.signal);
    caller.abort();
    expect(signal.aborted).toBe(true);
    expect(deadline.signal.aborted).toBe(false);
  });
});
