import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import * as q from "@/lib/db/queries";
import * as threads from "@/lib/db/thread-queries";
import { storeVideoFile, videoStore } from "@/lib/storage/videos";
import { setEnv } from "@/tests/support/env";
import { sweep } from "./sweeper";

/* The orphan sweeper on clips, against a real (embedded) database and the local clip store. */

let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-sweeper-"));
  setEnv({ DATABASE_URL: undefined, LOUPE_DATA_DIR: dataDir, LOUPE_S3_BUCKET: undefined });
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A stored clip of unique bytes (the store only looks at the bytes and the extension). */
async function storedClip(): Promise<string> {
  const file = path.join(dataDir, `${randomUUID()}.webm`);
  await fs.writeFile(file, `clip ${randomUUID()}`);
  const { key } = await storeVideoFile({ path: file, mediaType: "video/webm" });
  await fs.rm(file);
  return key;
}

/** A render's clip: an image row (its poster) that names the clip. */
async function renderedClip(ownerId: string, videoKey: string) {
  const project = await q.createProject({ ownerId, name: "Clips" });
  const iteration = await q.insertIteration({
    projectId: project.id,
    ownerId,
    draft: "a clip",
    refinedPrompt: "a clip",
    renderedPrompt: "a clip",
    providerId: "local",
    model: "local-video",
    params: { providerId: "local", aspectRatio: "16:9", n: 1 },
    mediaKind: "video",
  });
  const poster = `${randomUUID().replaceAll("-", "")}${"a".repeat(32)}.png`;
  await q.insertImages([{ iterationId: iteration.id, position: 0, storageKey: poster, sha256: poster.slice(0, 64), width: 64, height: 36, mediaType: "image/png", bytes: 100, videoKey, videoBytes: 10, durationMs: 5000, hasAudio: false }]);
  return project;
}

describe("sweep: clips", () => {
  it("removes a clip no row refers to once past the grace period, and keeps renders' and Describe's clips", { timeout: 120_000 }, async () => {
    const ownerId = `owner-${randomUUID()}`;
    const [orphan, rendered, described, gone] = [await storedClip(), await storedClip(), await storedClip(), await storedClip()];
    const kept = await renderedClip(ownerId, rendered);
    await threads.insertImageThread({ projectId: kept.id, ownerId, source: "upload", storageKey: `${"b".repeat(64)}.png`, sha256: "b".repeat(64), width: 64, height: 36, mediaType: "image/png", bytes: 100, videoKey: described, durationMs: 4000 });
    // The project with the second render goes: that render's clip is now nobody's (deleteProject lists image keys only).
    const project = await renderedClip(ownerId, gone);
    await q.deleteProject({ ownerId, projectId: project.id });

    // Inside the grace period nothing goes: a clip is stored before the row that names it.
    await sweep({ staleBefore: new Date(0), orphanGraceMs: 3_600_000 });
    expect(await videoStore().list()).toEqual([orphan, rendered, described, gone].sort());

    const report = await sweep({ staleBefore: new Date(0), orphanGraceMs: 0 });
    expect(await videoStore().list()).toEqual([rendered, described].sort());
    expect(report.orphansRemoved).toBe(2);
  });

  it("gives a re-stored clip a fresh grace period", { timeout: 60_000 }, async () => {
    const key = await storedClip();
    const old = new Date(Date.now() - 7_200_000);
    await fs.utimes(videoStore().pathOf!(key), old, old);
    const file = path.join(dataDir, "again.webm");
    await fs.copyFile(videoStore().pathOf!(key), file);
    await storeVideoFile({ path: file, mediaType: "video/webm" });
    await sweep({ staleBefore: new Date(0), orphanGraceMs: 3_600_000 });
    expect(await videoStore().list()).toContain(key);
  });
});
