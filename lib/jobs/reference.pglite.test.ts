import { randomInt, randomUUID } from "node:crypto";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getSqlExecutor } from "@/lib/db/client";
import { JOB_SCHEMA } from "@/lib/db/job-queries";
import { createProject, deleteProject, listProjects, listReferenceImages } from "@/lib/db/queries";
import { sweep } from "@/lib/server/sweeper";
import { readImage, storeImage } from "@/lib/storage";
import { freshPgliteForFile } from "@/tests/support/db-suite";
import { setEnv } from "@/tests/support/env";
import { describeReference, referenceJobKey, storeReference, type AddedReference } from "@/lib/workflows/reference";
import { jobIdFor, readJob, sendJob, startJobWorkers } from "./engine";
import { registerHandlers } from "./handlers";
import { referenceMayRetry } from "./retry-rules";
import { runAsJob } from "./run";

/*
 * A reference's description as a job, with the real handler on PGlite and the Offline engine:
 * the upload is stored first, one job per project and image describes it, a second send (a
 * retried request, the same image uploaded again) joins that job, and the row is written once.
 */

freshPgliteForFile("loupe-reference-job-");

const KIND = "reference-description" as const;
const UPLOAD = "upload-1";

async function photo(): Promise<Uint8Array> {
  const background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) };
  return new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background } }).png().toBuffer());
}

async function jobsOf(ownerId: string) {
  const sql = await getSqlExecutor();
  const { rows } = await sql.executeSql(`select id from ${JOB_SCHEMA}.job where name = $1 and data->>'ownerId' = $2`, [KIND, ownerId]);
  return rows;
}

/** One upload's description, as POST /api/references sends it (`upload`: the request's own id). */
function describeAsJob({ ownerId, input, upload = UPLOAD }: { ownerId: string; input: Awaited<ReturnType<typeof storeReference>>; upload?: string }) {
  return runAsJob<AddedReference>({ kind: KIND, ownerId, subjects: [], key: referenceJobKey({ ...input, upload }), projectId: input.projectId, input, retryWhen: (outcome) => referenceMayRetry({ ownerId, outcome }) });
}

describe("the reference description job", () => {
  beforeAll(async () => {
    setEnv({ ANTHROPIC_API_KEY: undefined });
    registerHandlers();
    await startJobWorkers();
  });

  it("describes a stored upload once: a second send joins the job, and the reference row is written once", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const input = await storeReference({ ownerId, bytes: await photo(), projectId: null });
    const id = jobIdFor({ ownerId, kind: KIND, key: referenceJobKey({ ...input, upload: UPLOAD }) });

    const [first, second] = await Promise.all([describeAsJob({ ownerId, input }), describeAsJob({ ownerId, input })]);
    // A retried request after it finished: the same job, answered from its outcome.
    expect(await sendJob({ kind: KIND, data: { ownerId, key: referenceJobKey({ ...input, upload: UPLOAD }), projectId: null, input } })).toBe(id);
    const again = await describeAsJob({ ownerId, input });

    expect(first.reference.engine).toBe("offline");
    expect(first.reference.description.summary.length).toBeGreaterThan(0);
    expect(first.project.name).toBe("Untitled project");
    expect(second).toEqual(first);
    expect(again).toEqual(first);
    expect(await jobsOf(ownerId)).toHaveLength(1);
    expect((await readJob({ kind: KIND, id }))?.state).toBe("completed");
    expect(await listProjects(ownerId)).toHaveLength(1);
    const rows = await listReferenceImages({ projectId: first.project.id });
    expect(rows.map((r) => r.id)).toEqual([first.reference.id]);
    expect(rows[0]).toMatchObject({ storageKey: input.storageKey, width: 64, height: 48, engine: "offline" });
  });

  it("a retry of the job after it wrote the row (its process died before the outcome) answers that row and makes nothing new", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const project = await createProject({ ownerId, name: "Posters" });
    const input = await storeReference({ ownerId, bytes: await photo(), projectId: project.id });
    const jobId = jobIdFor({ ownerId, kind: KIND, key: referenceJobKey({ ...input, upload: UPLOAD }) });
    const signal = new AbortController().signal;
    const written = await describeReference({ ownerId, jobId, input, signal });
    const retried = await describeReference({ ownerId, jobId, input, signal });
    expect(retried).toEqual(written);
    expect(written.project).toEqual({ id: project.id, name: "Posters" });
    expect(await listReferenceImages({ projectId: project.id })).toHaveLength(1);
    expect(await listProjects(ownerId)).toHaveLength(1);
  });

  it("the same image in another project is its own reference; once its project is deleted, uploading it again describes it anew", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const bytes = await photo();
    const project = await createProject({ ownerId, name: "Moodboard" });
    const inNew = await describeAsJob({ ownerId, input: await storeReference({ ownerId, bytes, projectId: null }) });
    const inProject = await describeAsJob({ ownerId, input: await storeReference({ ownerId, bytes, projectId: project.id }) });
    expect(inProject.project.id).toBe(project.id);
    expect(inProject.reference.id).not.toBe(inNew.reference.id);
    expect(await jobsOf(ownerId)).toHaveLength(2);

    await deleteProject({ ownerId, projectId: inNew.project.id });
    const anew = await describeAsJob({ ownerId, input: await storeReference({ ownerId, bytes, projectId: null }) });
    expect(anew.project.id).not.toBe(inNew.project.id);
    expect(await listReferenceImages({ projectId: anew.project.id })).toHaveLength(1);
    expect(await jobsOf(ownerId)).toHaveLength(3);

    // Another upload of the same image that starts a project starts its own, not the earlier one's.
    const another = await describeAsJob({ ownerId, input: await storeReference({ ownerId, bytes, projectId: null }), upload: "upload-2" });
    expect(another.project.id).not.toBe(anew.project.id);
  });

  it("refuses another owner's project before storing anything, and a job whose stored image is gone fails with a clear message", async () => {
    const ownerId = `owner-${randomUUID()}`;
    await expect(storeReference({ ownerId, bytes: await photo(), projectId: randomUUID() })).rejects.toMatchObject({ code: "not_found" });
    const input = { projectId: null, storageKey: `${"0".repeat(64)}.png`, sha256: "0".repeat(64), width: 8, height: 8 };
    await expect(describeAsJob({ ownerId, input })).rejects.toMatchObject({ code: "not_found", message: "The uploaded image is no longer stored. Upload it again." });
    expect(await listProjects(ownerId)).toHaveLength(0);
  });

  it("an upload waiting for its description is kept by the start-up sweep (no grace period), and a stored file nothing names is not", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const input = await storeReference({ ownerId, bytes: await photo(), projectId: null });
    // Queued for later, as a job handed back by a restart waits for its retry.
    await sendJob({ kind: KIND, data: { ownerId, key: referenceJobKey({ ...input, upload: UPLOAD }), projectId: null, input }, startAfterSeconds: 3600 });
    const stray = await storeImage({ bytes: await sharp({ create: { width: 8, height: 8, channels: 3, background: "#123456" } }).png().toBuffer() });
    await sweep({ staleBefore: new Date(0), orphanGraceMs: 0 });
    expect(await readImage(input.storageKey)).not.toBeNull();
    expect(await readImage(stray.key)).toBeNull();
  });
});
