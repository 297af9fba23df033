import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toIterationView } from "@/lib/workflows/iteration-view";
import { closeDb } from "./client";
import { createProject, insertCritique, insertImages, insertIteration, loadIteration, updateIteration } from "./queries";
import { isCancelRecorded, recordCancel, selectImage } from "./variant-queries";
import { setEnv } from "@/tests/support/env";

let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-variants-"));
  setEnv({ DATABASE_URL: undefined, LOUPE_DATA_DIR: dataDir });
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function rendering(input: { ownerId: string; key: string; n?: number }) {
  const project = await createProject({ ownerId: input.ownerId, name: "Variants" });
  return insertIteration({
    projectId: project.id,
    ownerId: input.ownerId,
    draft: "a kite",
    refinedPrompt: "a red kite",
    renderedPrompt: "a red kite",
    providerId: "fal",
    model: "fal-ai/flux/dev",
    params: { providerId: "fal", aspectRatio: "1:1", n: input.n ?? 4 },
    status: "generating",
    idempotencyKey: input.key,
  });
}

const image = (iterationId: string, position: number) => ({
  iterationId,
  position,
  storageKey: `${String(position).repeat(64)}.png`,
  sha256: String(position).repeat(64),
  width: 64,
  height: 64,
  mediaType: "image/png",
  bytes: 100,
  providerId: "fal",
  model: "fal-ai/flux/dev",
  seed: 7 + position,
  ms: 900,
  costUsd: 0.025,
});

describe("cancel records", () => {
  it("marks a render in progress, by owner and key, and any instance can read it", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const key = randomUUID();
    const iteration = await rendering({ ownerId, key });
    expect(await isCancelRecorded(iteration.id)).toBe(false);
    expect(await recordCancel({ ownerId: "someone-else", idempotencyKey: key })).toBeNull();
    expect(await recordCancel({ ownerId, idempotencyKey: key })).toBe(iteration.id);
    expect(await isCancelRecorded(iteration.id)).toBe(true);
  });

  it("names the render by its key alone when the caller has no owner cookie yet", async () => {
    const key = randomUUID();
    const iteration = await rendering({ ownerId: `owner-${randomUUID()}`, key });
    expect(await recordCancel({ ownerId: null, idempotencyKey: key })).toBe(iteration.id);
  });

  it("leaves a finished render alone", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const key = randomUUID();
    const iteration = await rendering({ ownerId, key });
    await updateIteration({ id: iteration.id, patch: { status: "critiquing" } });
    expect(await recordCancel({ ownerId, idempotencyKey: key })).toBeNull();
    expect(await isCancelRecorded(iteration.id)).toBe(false);
  });
});

describe("variants in the iteration view", () => {
  it("shows who made each image, the best and the chosen variant, and a cancel with what was kept", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const iteration = await rendering({ ownerId, key: randomUUID() });
    const [first, second] = await insertImages([image(iteration.id, 0), image(iteration.id, 1)]);
    const critique = (imageId: string, overall: number) =>
      insertCritique({
        iterationId: iteration.id,
        imageId,
        result: { overall, aspects: { promptAdherence: 7, composition: 7, typography: 7, colorLighting: 7, artifacts: 7 }, summary: "ok", strengths: [], issues: [], revisedPrompt: "a red kite, high" },
        engine: "offline",
        model: "offline",
        ms: 5,
      });
    await critique(second!.id, 8.1);
    await critique(first!.id, 6.4);
    await updateIteration({ id: iteration.id, patch: { status: "done", cancelledAt: new Date(), routeReason: "best quality for the price (fal · fal-ai/flux/dev)" } });

    let view = toIterationView((await loadIteration({ iterationId: iteration.id }))!);
    expect(view.images[0]!.source).toEqual({ providerId: "fal", providerLabel: "fal", model: "fal-ai/flux/dev", seed: 7, ms: 900, costUsd: 0.025 });
    expect(view).toMatchObject({ bestImageId: second!.id, selectedImageId: null, cancelled: { kept: 2, requested: 4 }, routeReason: expect.stringContaining("best quality") });

    await selectImage({ iterationId: iteration.id, imageId: first!.id });
    view = toIterationView((await loadIteration({ iterationId: iteration.id }))!);
    expect(view).toMatchObject({ bestImageId: second!.id, selectedImageId: first!.id });
  });
});
