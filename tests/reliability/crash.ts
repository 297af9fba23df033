import assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { startApp } from "./app-server";
import { designer } from "./studio-client";

/**
 * Crash suite: a production server on the embedded defaults (PGlite, images on disk, Local
 * renderer) is SIGKILLed at a random moment while renders are in flight, again and again.
 * After each restart (whose start-up settles and sweeps) the data must be whole:
 * every image row points to a stored file, no stored file lacks a row, no iteration is left
 * unfinished, and every render the client was told about is still there. To need one server
 * start per kill, each check runs on the killed server's data and allows only what that last
 * process itself left; a final restart must then leave nothing at all.
 */
const KEY = /^[0-9a-f]{64}\.(png|jpg|webp|gif)$/;

export async function crashSuite({ port, cycles = Number(process.env.LOUPE_CRASH_CYCLES ?? 20) }: { port: number; cycles?: number }) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "loupe-crash-"));
  const env = { LOUPE_DATA_DIR: dataDir };
  const promised = new Set<string>();
  let answered = 0;
  try {
    for (let cycle = 1; cycle <= cycles; cycle += 1) {
      // Each start is the restart after the previous kill: its start-up must settle and sweep what that crash left.
      const startedAt = new Date();
      const app = await startApp({ port, env });
      // Three designers render back to back until the kill, so kills land at every stage of a render.
      let alive = true;
      let firstAnswer: () => void = () => undefined;
      const answeredOnce = new Promise<void>((resolve) => (firstAnswer = resolve));
      const inFlight = Array.from({ length: 3 }, async (_, i) => {
        const d = designer(app.url);
        for (let round = 0; alive; round += 1) {
          const prompt = `crash ${cycle}.${i}.${round}: a ${["red", "teal", "amber"][i]} poster of a lighthouse, ${Date.now()}`;
          const result = await d.generate({ prompt, n: 1 + (i % 2), critiqueAfter: true }).catch(() => null);
          if (!result?.ok) continue;
          // The browser heard of this render: from now on it must survive any crash.
          const iteration = (result.value as { iteration: { id: string; status: string } }).iteration;
          if (iteration.status !== "failed") promised.add(iteration.id);
          answered += 1;
          firstAnswer();
        }
      });
      // The kill lands at a random moment once renders are flowing (the first one in a fresh process is slow).
      await Promise.race([answeredOnce, sleep(60_000)]);
      await sleep(Math.random() * 1500);
      await app.kill("SIGKILL");
      alive = false;
      await Promise.all(inFlight);
      // Only this process's own unfinished work may remain: anything older was the restart's to settle or sweep.
      await checkInvariants({ dataDir, promised, label: `after kill ${cycle}`, leftoverSince: startedAt });
    }
    const last = await startApp({ port, env });
    await last.kill("SIGTERM");
    await checkInvariants({ dataDir, promised, label: "after the last restart", leftoverSince: null });
    assert.ok(answered > 0, "some renders finished between kills, so the suite also checks kept results");
    console.info(`crash: ${cycles} SIGKILLs during renders, ${answered} renders answered before a kill, data whole after every restart`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Opens the database the killed server left (PGlite recovers it, as a restart would) and checks:
 * every image row's file is stored, every render a client heard of is kept, and nothing is
 * unfinished or orphaned unless the killed process made it (at or after `leftoverSince`).
 */
export async function checkInvariants(input: { dataDir: string; promised: Set<string>; label: string; leftoverSince: Date | null }) {
  const { dataDir, promised, label, leftoverSince } = input;
  const db = await PGlite.create(path.join(dataDir, "pgdata"));
  try {
    // An iteration whose render or critique job is still queued (handed back, waiting for its
    // retry) is not stuck: the job engine runs it on the next start. Anything else unfinished is.
    const jobsReady = (await db.query<{ ready: boolean }>("select to_regclass('pgboss.job') is not null as ready")).rows[0]?.ready;
    const queued = jobsReady
      ? `and idempotency_key not in (select data->'input'->>'idempotencyKey' from pgboss.job where state < 'completed' and name = 'render' and data->'input'->>'idempotencyKey' is not null)
         and id::text not in (select data->'input'->>'iterationId' from pgboss.job where state < 'completed' and name = 'critique' and data->'input'->>'iterationId' is not null)`
      : "";
    const unfinished = await db.query<{ id: string; status: string; created_at: Date }>(
      `select id, status, created_at from iterations where status in ('pending', 'generating', 'critiquing') ${queued}`,
    );
    const stale = unfinished.rows.filter((r) => !leftoverSince || r.created_at < leftoverSince);
    assert.deepEqual(stale, [], `${label}: no iteration from before the restart is left unfinished`);
    const rows = await db.query<{ key: string }>("select storage_key as key from images union select storage_key from reference_images");
    const referenced = new Set(rows.rows.map((r) => r.key));
    for (const key of referenced) {
      assert.ok(existsSync(fileOf(dataDir, key)), `${label}: the row's file ${key} is stored`);
    }
    const orphans = (await storedKeys(path.join(dataDir, "images"))).filter((key) => !referenced.has(key));
    const oldOrphans = orphans.filter((key) => !leftoverSince || statSync(fileOf(dataDir, key)).mtime < leftoverSince);
    assert.deepEqual(oldOrphans, [], `${label}: no stored file from before the restart lacks a row`);
    const ids = [...promised];
    if (ids.length > 0) {
      const kept = await db.query<{ id: string; images: number }>(
        "select i.id, count(m.id)::int as images from iterations i left join images m on m.iteration_id = i.id where i.id = any($1) group by i.id",
        [ids],
      );
      assert.equal(kept.rows.length, ids.length, `${label}: every render the client heard of is kept`);
      for (const row of kept.rows) assert.ok(row.images > 0, `${label}: iteration ${row.id} kept its images`);
    }
  } finally {
    await db.close();
  }
}

const fileOf = (dataDir: string, key: string) => path.join(dataDir, "images", key.slice(0, 2), key);

async function storedKeys(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const shards = (await readdir(root)).filter((name) => /^[0-9a-f]{2}$/.test(name));
  const keys = await Promise.all(shards.map(async (shard) => (await readdir(path.join(root, shard))).filter((f) => KEY.test(f))));
  return keys.flat();
}
