import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { LoupeError } from "@/lib/errors";
import type { Critique } from "@/lib/schemas/critique";
import { closeDb, getDb, migrationsFolder } from "@/lib/db/client";
import * as q from "@/lib/db/queries";
import { isStorageKeyReferenced, referencedStorageKeys } from "@/lib/db/reliability-queries";
import type { NewImage, NewIteration } from "@/lib/db/schema";
import * as threads from "@/lib/db/thread-queries";

/*
 * One behavioural suite, run by queries.pglite.test.ts and queries.postgres.test.ts: both
 * engines must answer every query the same way. The caller points the environment at a
 * fresh database before these tests run.
 */

const critique: Critique = {
  overall: 7,
  aspects: { promptAdherence: 8, composition: 7, typography: 6, colorLighting: 7, artifacts: 9 },
  summary: "A calm product shot.",
  strengths: ["soft light"],
  issues: [{ id: "i1", aspect: "composition", severity: "medium", problem: "Centred subject", fix: "Use thirds" }],
  revisedPrompt: "A calm product shot, subject on the left third.",
};

function iterationRow(over: Partial<NewIteration> & { projectId: string; ownerId: string }): NewIteration {
  return {
    draft: "a teapot",
    refinedPrompt: "a porcelain teapot on linen",
    renderedPrompt: "a porcelain teapot on linen",
    providerId: "local",
    model: "local-v1",
    params: { providerId: "local", aspectRatio: "1:1", n: 1 },
    ...over,
  };
}

function imageRow(iterationId: string, position: number, key: string): NewImage {
  return { iterationId, position, storageKey: key, sha256: key.slice(0, 64), width: 64, height: 64, mediaType: "image/png", bytes: 100 };
}

/** Both drivers answer `execute` with `{ rows }`; the common drizzle type only knows it as unknown. */
export async function rowsOf<T>(query: SQL): Promise<T[]> {
  const db = await getDb();
  return ((await db.execute(query)) as { rows: T[] }).rows;
}

/** Every migration in the journal is applied exactly once. */
function migrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

const key = (c: string) => `${c.repeat(64)}.png`;
const owner = () => `owner-${randomUUID()}`;

async function projectWithImage(ownerId: string, storageKey: string) {
  const project = await q.createProject({ ownerId, name: "With image" });
  const iteration = await q.insertIteration(iterationRow({ projectId: project.id, ownerId }));
  const [image] = await q.insertImages([imageRow(iteration.id, 0, storageKey)]);
  return { project, iteration, image: image! };
}

export function describeQueryContract(): void {
  describe("migrations", () => {
    it("create every table on a fresh database and record the migration once", async () => {
      const tables = await rowsOf<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      expect(tables.map((r) => r.table_name)).toEqual([
        "auto_runs",
        "critiques",
        "explore_rounds",
        "idempotency_records",
        "image_thread_turns",
        "image_threads",
        "images",
        "iterations",
        "job_reservations",
        "model_notes",
        "project_events",
        "projects",
        "reference_images",
        "refines",
        "shares",
        "spend_days",
        "spend_subject_days",
      ]);
      await closeDb();
      const applied = await rowsOf<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied[0]?.n).toBe(migrationCount());
    });
  });

  describe("projects", () => {
    it("are listed newest first with their iteration count and latest image, for their owner only", async () => {
      const ownerId = owner();
      const older = await q.createProject({ ownerId, name: "Older" });
      const newer = await q.createProject({ ownerId, name: "Newer" });
      const a = await q.insertIteration(iterationRow({ projectId: older.id, ownerId }));
      const b = await q.insertIteration(iterationRow({ projectId: older.id, ownerId, parentId: a.id }));
      await q.insertImages([imageRow(a.id, 0, key("a"))]);
      await q.insertImages([imageRow(b.id, 0, key("b")), imageRow(b.id, 1, key("c"))]);

      const list = await q.listProjects(ownerId);
      expect(list.map((p) => [p.name, p.iterationCount, p.thumbnailKey])).toEqual([
        ["Newer", 0, null],
        ["Older", 2, key("b")],
      ]);
      expect(list[0]?.id).toBe(newer.id);
      expect(await q.listProjects(owner())).toEqual([]);
    });

    it("cannot be read, renamed or deleted by another owner", async () => {
      const ownerId = owner();
      const intruder = owner();
      const project = await q.createProject({ ownerId, name: "Mine" });
      expect(await q.getProject({ ownerId: intruder, projectId: project.id })).toBeNull();
      expect(await q.renameProject({ ownerId: intruder, projectId: project.id, name: "Theirs" })).toBeNull();
      expect(await q.deleteProject({ ownerId: intruder, projectId: project.id })).toBeNull();
      const renamed = await q.renameProject({ ownerId, projectId: project.id, name: "Still mine" });
      expect(renamed?.name).toBe("Still mine");
      expect(renamed!.updatedAt.getTime()).toBeGreaterThanOrEqual(project.updatedAt.getTime());
      expect((await q.getProject({ ownerId, projectId: project.id }))?.name).toBe("Still mine");
    });

    it("delete with everything in them and report only the keys nothing else uses", async () => {
      const ownerId = owner();
      const kept = await projectWithImage(ownerId, key("d"));
      const doomed = await projectWithImage(ownerId, key("d"));
      const extra = await q.insertIteration(iterationRow({ projectId: doomed.project.id, ownerId, parentId: doomed.iteration.id }));
      const [img] = await q.insertImages([imageRow(extra.id, 0, key("e"))]);
      await q.insertCritique({ iterationId: extra.id, imageId: img!.id, result: critique, engine: "offline", model: "offline", ms: 3 });
      await q.createShare({ projectId: doomed.project.id, iterationId: extra.id, scope: "iteration", tokenHash: randomUUID() });

      const orphaned = await q.deleteProject({ ownerId, projectId: doomed.project.id });
      expect(orphaned).toEqual([key("e")]);
      expect(await q.loadProjectIterations({ projectId: doomed.project.id })).toEqual([]);
      expect(await q.loadIteration({ iterationId: extra.id })).toBeNull();
      const left = await rowsOf<{ n: number }>(
        sql`select (select count(*) from critiques where iteration_id = ${extra.id})::int
                 + (select count(*) from shares where project_id = ${doomed.project.id})::int as n`,
      );
      expect(left[0]?.n).toBe(0);
      expect((await q.loadProjectIterations({ projectId: kept.project.id }))[0]?.images[0]?.storageKey).toBe(key("d"));
    });
  });

  describe("iterations", () => {
    it("reject a second use of an owner's idempotency key, but not another owner's", async () => {
      const ownerId = owner();
      const project = await q.createProject({ ownerId, name: "Idem" });
      const first = await q.insertIteration(iterationRow({ projectId: project.id, ownerId, idempotencyKey: "k-1", requestHash: "h" }));
      const again = q.insertIteration(iterationRow({ projectId: project.id, ownerId, idempotencyKey: "k-1", requestHash: "h" }));
      await expect(again).rejects.toBeInstanceOf(LoupeError);
      await expect(again).rejects.toMatchObject({ code: "conflict" });
      expect((await q.findIterationByIdempotencyKey({ ownerId, key: "k-1" }))?.id).toBe(first.id);

      const other = owner();
      const theirs = await q.createProject({ ownerId: other, name: "Theirs" });
      await q.insertIteration(iterationRow({ projectId: theirs.id, ownerId: other, idempotencyKey: "k-1" }));
      expect(await q.findIterationByIdempotencyKey({ ownerId: owner(), key: "k-1" })).toBeNull();
      // Iterations without a key never collide.
      await q.insertIteration(iterationRow({ projectId: project.id, ownerId }));
      await q.insertIteration(iterationRow({ projectId: project.id, ownerId }));
    });

    it("cannot be filed under another owner's project", async () => {
      const project = await q.createProject({ ownerId: owner(), name: "Victim" });
      await expect(q.insertIteration(iterationRow({ projectId: project.id, ownerId: owner() }))).rejects.toThrow();
    });

    it("are read back only by their owner, and patched with their timestamps moving", async () => {
      const ownerId = owner();
      const project = await q.createProject({ ownerId, name: "Patch" });
      const it0 = await q.insertIteration(iterationRow({ projectId: project.id, ownerId, seed: 42 }));
      expect(it0).toMatchObject({ status: "pending", notes: [], timings: {}, error: null, refineUsage: null, seed: 42 });
      expect(await q.loadOwnedIteration({ ownerId: owner(), iterationId: it0.id })).toBeNull();

      const patched = await q.updateIteration({
        id: it0.id,
        patch: {
          status: "failed",
          error: { code: "provider_error", message: "Nope", retryable: true },
          notes: ["fell back"],
          timings: { generateMs: 12 },
        },
      });
      expect(patched?.updatedAt.getTime()).toBeGreaterThanOrEqual(it0.updatedAt.getTime());
      const read = await q.loadOwnedIteration({ ownerId, iterationId: it0.id });
      expect(read).toMatchObject({ status: "failed", notes: ["fell back"], timings: { generateMs: 12 } });
      expect(read?.error?.code).toBe("provider_error");
      expect(await q.updateIteration({ id: randomUUID(), patch: { status: "done" } })).toBeNull();
      await expect(q.updateIteration({ id: it0.id, patch: { status: "bogus" as "done" } })).rejects.toThrow();
    });

    it("load oldest first with images by position and their critiques", async () => {
      const ownerId = owner();
      const project = await q.createProject({ ownerId, name: "Trail" });
      const root = await q.insertIteration(iterationRow({ projectId: project.id, ownerId }));
      const child = await q.insertIteration(iterationRow({ projectId: project.id, ownerId, parentId: root.id, draft: "child" }));
      const imgs = await q.insertImages([imageRow(child.id, 1, key("2")), imageRow(child.id, 0, key("1"))]);
      const second = imgs.find((i) => i.position === 1)!;
      const saved = await q.insertCritique({
        iterationId: child.id,
        imageId: second.id,
        result: critique,
        engine: "claude",
        model: "claude-test",
        inputTokens: 1200,
        outputTokens: 300,
        cachedTokens: 1000,
        costUsd: 0.0123,
        ms: 2100,
      });
      expect(saved.costUsd).toBeCloseTo(0.0123);

      const trail = await q.loadProjectIterations({ projectId: project.id });
      expect(trail.map((i) => i.id)).toEqual([root.id, child.id]);
      expect(trail[1]?.parentId).toBe(root.id);
      expect(trail[1]?.images.map((i) => i.storageKey)).toEqual([key("1"), key("2")]);
      expect(trail[1]?.critiques[0]?.result).toEqual(critique);
      const one = await q.loadIteration({ iterationId: child.id });
      expect(one?.critiques.map((c) => c.imageId)).toEqual([second.id]);
      expect(await q.insertImages([])).toEqual([]);
    });

    it("name their line of ancestors in one query: oldest first, capped, inside the project", async () => {
      const ownerId = owner();
      const project = await q.createProject({ ownerId, name: "Line" });
      const elsewhere = await q.createProject({ ownerId, name: "Elsewhere" });
      const stranger = await q.insertIteration(iterationRow({ projectId: elsewhere.id, ownerId, renderedPrompt: "elsewhere" }));
      let parentId: string | null = stranger.id;
      const line = [];
      for (const n of [1, 2, 3, 4]) {
        const row: Awaited<ReturnType<typeof q.insertIteration>> = await q.insertIteration(iterationRow({ projectId: project.id, ownerId, parentId, renderedPrompt: `v${n}` }));
        line.push(row);
        parentId = row.id;
      }
      // A sibling branch is not part of the line.
      await q.insertIteration(iterationRow({ projectId: project.id, ownerId, parentId: line[1]!.id, renderedPrompt: "branch" }));
      const last = line[3]!;
      expect(await q.ancestorsOf({ iterationId: last.id, projectId: project.id, max: 10 })).toEqual(
        line.slice(0, 3).map((row) => ({ id: row.id, renderedPrompt: row.renderedPrompt })),
      );
      expect((await q.ancestorsOf({ iterationId: last.id, projectId: project.id, max: 2 })).map((a) => a.renderedPrompt)).toEqual(["v2", "v3"]);
      expect(await q.ancestorsOf({ iterationId: last.id, projectId: elsewhere.id, max: 10 })).toEqual([]);
      expect(await q.ancestorsOf({ iterationId: line[0]!.id, projectId: project.id, max: 10 })).toEqual([]);
      const loaded = await q.loadIterations({ ids: [line[2]!.id, line[0]!.id, randomUUID()] });
      expect(loaded.map((row) => row.renderedPrompt)).toEqual(["v3", "v1"]);
    });

    it("take the cost of the owner's refine that wrote their prompt, once", async () => {
      const ownerId = owner();
      const project = await q.createProject({ ownerId, name: "Refined" });
      const refine = await q.insertRefine({ ownerId, engine: "claude", model: "claude-haiku-5-5", usage: { inputTokens: 900, outputTokens: 120, cachedTokens: 0 }, costUsd: 0.0015, ms: 840 });
      const theirs = await q.insertRefine({ ownerId: owner(), engine: "claude", model: "claude-haiku-5-5", usage: { inputTokens: 5, outputTokens: 5, cachedTokens: 0 }, costUsd: 0.0001, ms: 5 });

      // A failed insert (a reused key) leaves the refine for the next one.
      await q.insertIteration(iterationRow({ projectId: project.id, ownerId, idempotencyKey: "refined-1", requestHash: "h" }));
      await expect(q.insertIteration(iterationRow({ projectId: project.id, ownerId, idempotencyKey: "refined-1", requestHash: "h" }), { refineId: refine.id })).rejects.toMatchObject({ code: "conflict" });

      const rendered = await q.insertIteration(iterationRow({ projectId: project.id, ownerId }), { refineId: refine.id });
      expect(rendered).toMatchObject({ refineUsage: refine.usage, refineCostUsd: 0.0015, timings: { refineMs: 840 } });
      const again = await q.insertIteration(iterationRow({ projectId: project.id, ownerId }), { refineId: refine.id });
      expect(again).toMatchObject({ refineUsage: null, refineCostUsd: 0 });
      const stolen = await q.insertIteration(iterationRow({ projectId: project.id, ownerId }), { refineId: theirs.id });
      expect(stolen).toMatchObject({ refineUsage: null, refineCostUsd: 0 });
    });

    it("refuse a critique of an image from another iteration", async () => {
      const ownerId = owner();
      const a = await projectWithImage(ownerId, key("f"));
      const b = await projectWithImage(ownerId, key("f"));
      await expect(
        q.insertCritique({ iterationId: b.iteration.id, imageId: a.image.id, result: critique, engine: "offline", model: "m", ms: 1 }),
      ).rejects.toThrow();
    });

    it("hold every stored key the sweeper must keep", async () => {
      await projectWithImage(owner(), key("9"));
      expect(await referencedStorageKeys()).toContain(key("9"));
    });

    it("record an edit's input, painted mask and moodboard; the mask is the owner's, in use, and goes with its project", async () => {
      const ownerId = owner();
      // Keys of this test only: another test's project may hold the same content-addressed bytes.
      const input = `${randomUUID().replaceAll("-", "")}${"1".repeat(32)}.png`;
      const mask = `${randomUUID().replaceAll("-", "")}${"2".repeat(32)}.png`;
      const { project, iteration, image } = await projectWithImage(ownerId, input);
      const moodboard = [{ referenceId: randomUUID(), role: "palette" as const }];
      const edit = await q.insertIteration(
        iterationRow({ projectId: project.id, ownerId, parentId: iteration.id, editKind: "region", inputImageId: image.id, inputStorageKey: image.storageKey, maskStorageKey: mask, moodboard }),
      );
      const loaded = await q.loadIteration({ iterationId: edit.id });
      expect(loaded).toMatchObject({ editKind: "region", inputImageId: image.id, inputStorageKey: input, maskStorageKey: mask, moodboard });
      expect(await referencedStorageKeys()).toContain(mask);
      expect(await isStorageKeyReferenced(mask)).toBe(true);
      expect(await q.ownerHasStorageKey({ ownerId, storageKey: mask })).toBe(true);
      expect(await q.ownerHasStorageKey({ ownerId: owner(), storageKey: mask })).toBe(false);
      // A region edit without its mask is refused by the database itself.
      await expect(q.insertIteration(iterationRow({ projectId: project.id, ownerId, editKind: "region", inputStorageKey: input }))).rejects.toThrow();
      expect((await q.deleteProject({ ownerId, projectId: project.id }))?.sort()).toEqual([input, mask].sort());
    });

    it("survive concurrent writes", async () => {
      const ownerId = owner();
      const project = await q.createProject({ ownerId, name: "Busy" });
      const rows = await Promise.all(
        Array.from({ length: 12 }, (_, i) => q.insertIteration(iterationRow({ projectId: project.id, ownerId, draft: `d${i}` }))),
      );
      await Promise.all(rows.map((r, i) => q.insertImages([imageRow(r.id, 0, key(String(i % 10)))])));
      const listed = await q.listProjects(ownerId);
      expect(listed[0]?.iterationCount).toBe(12);
    });
  });

  describe("shares", () => {
    it("are found by token hash, revoked only by their owner, and listed per project", async () => {
      const ownerId = owner();
      const { project, iteration } = await projectWithImage(ownerId, key("7"));
      const tokenHash = `hash-${randomUUID()}`;
      const share = await q.createShare({ projectId: project.id, iterationId: iteration.id, scope: "iteration", tokenHash });
      const trail = await q.createShare({ projectId: project.id, scope: "trail", tokenHash: `hash-${randomUUID()}` });

      const found = await q.findShareByTokenHash(tokenHash);
      expect(found?.id).toBe(share.id);
      expect(found && q.isShareActive(found)).toBe(true);
      expect(await q.findShareByTokenHash("nope")).toBeNull();

      expect(await q.revokeShare({ ownerId: owner(), shareId: share.id })).toBeNull();
      expect(q.isShareActive((await q.findShareByTokenHash(tokenHash))!)).toBe(true);
      const revoked = await q.revokeShare({ ownerId, shareId: share.id });
      expect(revoked?.revokedAt).toBeInstanceOf(Date);
      const twice = await q.revokeShare({ ownerId, shareId: share.id });
      expect(twice?.revokedAt?.getTime()).toBe(revoked?.revokedAt?.getTime());
      expect(q.isShareActive((await q.findShareByTokenHash(tokenHash))!)).toBe(false);

      expect((await q.listShares({ ownerId, projectId: project.id })).map((s) => s.id).sort()).toEqual([share.id, trail.id].sort());
      expect(await q.listShares({ ownerId: owner(), projectId: project.id })).toEqual([]);
    });

    it("expire, keep token hashes unique, and stay inside their project", async () => {
      const ownerId = owner();
      const { project, iteration } = await projectWithImage(ownerId, key("8"));
      const expired = await q.createShare({
        projectId: project.id,
        scope: "trail",
        tokenHash: `hash-${randomUUID()}`,
        expiresAt: new Date(Date.now() - 1000),
      });
      expect(q.isShareActive(expired)).toBe(false);
      await expect(q.createShare({ projectId: project.id, scope: "trail", tokenHash: expired.tokenHash })).rejects.toThrow();
      await expect(q.createShare({ projectId: project.id, scope: "iteration", tokenHash: `hash-${randomUUID()}` })).rejects.toThrow();
      const elsewhere = await q.createProject({ ownerId, name: "Elsewhere" });
      await expect(
        q.createShare({ projectId: elsewhere.id, iterationId: iteration.id, scope: "iteration", tokenHash: `hash-${randomUUID()}` }),
      ).rejects.toThrow();
    });
  });

  describe("image threads", () => {
    const turn = (threadId: string, position: number) => ({
      threadId,
      position,
      question: position === 0 ? null : `question ${position}`,
      answer: `answer ${position}`,
      language: "en" as const,
      engine: "offline" as const,
      model: "offline-heuristics-v1",
      ms: 5,
    });

    it("are read back with their turns in order only by their owner, and kept the project's image keys alive", async () => {
      const ownerId = owner();
      const { project, image } = await projectWithImage(ownerId, key("d"));
      const thread = await threads.insertImageThread({ projectId: project.id, ownerId, source: "render", storageKey: image.storageKey, sha256: image.sha256, width: 64, height: 64, mediaType: "image/png", bytes: 100 });
      await threads.insertImageThreadTurn(turn(thread.id, 0));
      await threads.insertImageThreadTurn(turn(thread.id, 1));
      const read = await threads.getImageThread({ ownerId, threadId: thread.id });
      expect(read?.turns.map((t) => [t.position, t.question])).toEqual([
        [0, null],
        [1, "question 1"],
      ]);
      expect(await threads.getImageThread({ ownerId: owner(), threadId: thread.id })).toBeNull();
      expect(await threads.listImageThreads({ ownerId: owner(), projectId: project.id })).toEqual([]);
      expect((await threads.listImageThreads({ ownerId, projectId: project.id })).map((t) => t.turns.length)).toEqual([2]);
      expect(await threads.findProjectImage({ ownerId: owner(), projectId: project.id, imageId: image.id })).toBeNull();
      expect((await threads.findProjectImage({ ownerId, projectId: project.id, imageId: image.id }))?.id).toBe(image.id);
      expect(await referencedStorageKeys()).toContain(image.storageKey);
    });

    it("refuse a second answer in the same place, a question as the first turn, and go with their project", async () => {
      const ownerId = owner();
      const project = await q.createProject({ ownerId, name: "Described" });
      const thread = await threads.insertImageThread({ projectId: project.id, ownerId, source: "upload", fileName: "chart.png", storageKey: key("e"), sha256: "e".repeat(64), width: 8, height: 8, mediaType: "image/png", bytes: 10 });
      // An upload handed to Describe is its owner's image to fetch, and nobody else's.
      expect(await q.ownerHasStorageKey({ ownerId, storageKey: key("e") })).toBe(true);
      expect(await q.ownerHasStorageKey({ ownerId: owner(), storageKey: key("e") })).toBe(false);
      await expect(threads.insertImageThreadTurn({ ...turn(thread.id, 0), question: "not a summary" })).rejects.toThrow();
      await threads.insertImageThreadTurn(turn(thread.id, 0));
      const error = await threads.insertImageThreadTurn(turn(thread.id, 0)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoupeError);
      expect((error as LoupeError).code).toBe("conflict");
      expect(await q.deleteProject({ ownerId, projectId: project.id })).toEqual([]);
      expect(await threads.getImageThread({ ownerId, threadId: thread.id })).toBeNull();
    });
  });
}
