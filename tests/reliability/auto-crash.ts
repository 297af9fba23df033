import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { createParser } from "eventsource-parser";
import { startApp } from "./app-server";
import { checkInvariants } from "./crash";
import { designer } from "./studio-client";

type RunEvent = { id: string; round: number; status: string; outcome: string | null; results: { round: number; iterationId: string }[]; bestIterationId: string | null };

/**
 * Auto-iterate survives a crash: a 3-round run is started, the server is SIGKILLed while round
 * 2 runs, and restarted. The run must then complete on its own (nobody is watching: the tab is
 * gone), with every round once — no round rendered, critiqued or charged twice — the best one
 * picked, nothing left unfinished, no budget reservation left behind and no orphan file.
 */
export async function autoIterateCrashSuite({ port }: { port: number }) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "loupe-auto-crash-"));
  // A budget makes every paid call reserve and settle, so a reservation a crash strands would show.
  const env = { LOUPE_DATA_DIR: dataDir, LOUPE_DAILY_BUDGET_USD: "50" };
  try {
    let app = await startApp({ port, env });
    const d = designer(app.url);
    const prompt = `a lighthouse poster at dusk, crash test ${Date.now()}`;
    const started = (await d.client.call("startAutoIterateAction", {
      projectId: null,
      currentId: null,
      draft: prompt,
      refinedPrompt: "",
      prompt,
      params: { providerId: "local", aspectRatio: "1:1", n: 1 },
      referenceId: null,
      settings: { rounds: 3, drafts: 1, targetScore: 10, stopOnPlateau: false, budgetUsd: null },
      idempotencyKey: randomUUID(),
    })).value as { ok: boolean; value: { run: RunEvent; project: { id: string } }; error?: unknown };
    assert.ok(started.ok, `the run starts: ${JSON.stringify(started.error)}`);
    const { project } = started.value;
    const events = `${app.url}/api/projects/${project.id}/events`;
    await untilRun({ url: events, cookie: d.client.cookie(), until: (run) => run.round === 2 && run.status === "running", timeoutMs: 120_000 });
    // Somewhere inside round 2: its revision, its render or its critique.
    await sleep(Math.random() * 400);
    await app.kill("SIGKILL");

    app = await startApp({ port, env });
    const finished = await untilRun({ url: events, cookie: d.client.cookie(), until: (run) => run.status === "finished", timeoutMs: 180_000 });
    await app.kill("SIGTERM");

    assert.equal(finished.outcome, "rounds", "the run completed its three rounds after the restart");
    assert.deepEqual(finished.results.map((r) => r.round), [1, 2, 3], "every round once, in order");
    assert.ok(finished.bestIterationId, "the best round is picked");
    await checkInvariants({ dataDir, promised: new Set(finished.results.map((r) => r.iterationId)), label: "auto-iterate after kill -9 in round 2", leftoverSince: null });
    await checkNoDoubleCharge({ dataDir, projectId: project.id });
    console.info("crash: auto-iterate killed in round 2, restarted, completed 3 rounds; each round rendered and critiqued once, no reservation left");
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Reads the project's event stream until an auto-run event passes `until` (reconnecting, as the browser does). */
async function untilRun({ url, cookie, until, timeoutMs }: { url: string; cookie: string; until: (run: RunEvent) => boolean; timeoutMs: number }): Promise<RunEvent> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1, deadline - Date.now()));
    try {
      const response = await fetch(url, { headers: { cookie, "last-event-id": String(last) }, signal: controller.signal });
      let found: RunEvent | null = null;
      const parser = createParser({
        onEvent: (event) => {
          if (event.id) last = Number(event.id);
          if (event.event !== "auto-run" || found) return;
          const run = JSON.parse(event.data) as RunEvent;
          if (until(run)) found = run;
        },
      });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      while (!found) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
      await reader.cancel().catch(() => undefined);
      if (found) return found;
    } catch {
      // The server went away or the stream dropped: reconnect after the last event, as EventSource does.
    } finally {
      clearTimeout(timer);
    }
    await sleep(200);
  }
  throw new Error("the run did not reach the awaited state in time");
}

async function checkNoDoubleCharge({ dataDir, projectId }: { dataDir: string; projectId: string }) {
  const db = await PGlite.create(path.join(dataDir, "pgdata"));
  try {
    const iterations = await db.query<{ n: number }>("select count(*)::int as n from iterations where project_id = $1", [projectId]);
    assert.equal(iterations.rows[0]?.n, 3, "three rounds made three iterations: no round rendered twice");
    const critiques = await db.query<{ image_id: string; n: number }>(
      "select c.image_id, count(*)::int as n from critiques c join iterations i on i.id = c.iteration_id where i.project_id = $1 group by c.image_id",
      [projectId],
    );
    assert.equal(critiques.rows.length, 3, "every round's image is critiqued");
    assert.ok(critiques.rows.every((r) => r.n === 1), "no image critiqued (and paid for) twice");
    const rounds = await db.query<{ round: number }>("select round from explore_rounds where project_id = $1 order by round", [projectId]);
    assert.deepEqual(rounds.rows.map((r) => r.round), [1, 2, 3], "each round's pick is stored once");
    const stranded = await db.query<{ n: number }>("select count(*)::int as n from job_reservations");
    assert.equal(stranded.rows[0]?.n, 0, "no budget reservation is left by the killed attempt");
    const inFlight = await db.query<{ n: number }>("select count(*)::int as n from pgboss.job where state < 'completed'");
    assert.equal(inFlight.rows[0]?.n, 0, "no job is left in flight");
  } finally {
    await db.close();
  }
}
