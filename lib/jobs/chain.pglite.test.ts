import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getSqlExecutor } from "@/lib/db/client";
import { JOB_SCHEMA } from "@/lib/db/job-queries";
import type { IterationView } from "@/lib/schemas/iteration";
import type { GenerateAnswer } from "@/lib/schemas/studio-requests";
import { freshPgliteForFile } from "@/tests/support/db-suite";
import { setEnv } from "@/tests/support/env";
import { chainedCritique, chainedCritiqueKey, sendChainedCritique } from "./chain";
import { jobIdFor, readJob, startJobWorkers } from "./engine";
import { registerHandlers, type RenderJobInput, type VideoRenderJobInput } from "./handlers";
import { runAsJob } from "./run";

/*
 * Render → critique chained on the server, with the real handlers on PGlite (Local renderer,
 * Offline critique): the render job sends its iteration's critique job once, in the language
 * it was given, and the browser's wait (runAsJob under the iteration's key) joins that job.
 */

freshPgliteForFile("loupe-chain-");

const gone = async () => true;
const present = async () => false;

describe("which renders chain a critique", () => {
  it("chains when asked, in the language given, and never for a failed or unasked render", async () => {
    expect(await chainedCritique({ status: "critiquing", critiqueAfter: true, language: "zh", requesterGone: present })).toBe("zh");
    expect(await chainedCritique({ status: "failed", critiqueAfter: true, language: "zh", requesterGone: gone })).toBeNull();
    expect(await chainedCritique({ status: "critiquing", critiqueAfter: false, language: "zh", requesterGone: gone })).toBeNull();
  });

  it("chains a request from before the chaining only when its requester is gone, in English when it named no language", async () => {
    expect(await chainedCritique({ status: "critiquing", critiqueAfter: undefined, language: undefined, requesterGone: present })).toBeNull();
    expect(await chainedCritique({ status: "critiquing", critiqueAfter: undefined, language: undefined, requesterGone: gone })).toBe("en");
    expect(await chainedCritique({ status: "critiquing", critiqueAfter: undefined, language: "zh", requesterGone: gone })).toBe("zh");
  });
});

/** A Local render of `n` variants, with what follows it. */
function renderInput({ n, ...after }: { n: number } & Pick<RenderJobInput, "critiqueAfter" | "alsoTried" | "language">): RenderJobInput {
  const prompt = "a lighthouse at dusk, long exposure";
  return { projectId: null, parentId: null, draft: prompt, refinedPrompt: "", prompt, params: { providerId: "local", aspectRatio: "1:1", n, seed: 4242 }, idempotencyKey: randomUUID(), ...after };
}

describe("the render job chains its critique", () => {
  beforeAll(async () => {
    setEnv({ ANTHROPIC_API_KEY: undefined });
    registerHandlers();
    await startJobWorkers();
  });

  async function critiqueJobsOf(ownerId: string) {
    const sql = await getSqlExecutor();
    const { rows } = await sql.executeSql(`select id, data from ${JOB_SCHEMA}.job where name = 'critique' and data->>'ownerId' = $1`, [ownerId]);
    return rows as { id: string; data: { key: string; input: { iterationId: string; language: string; alsoTried?: string[] } } }[];
  }

  it("sends one critique job keyed by the iteration, in the designer's language, and the browser's wait joins it", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const input = renderInput({ n: 2, critiqueAfter: true, alsoTried: ["a lighthouse at noon"], language: "zh" });
    const { iteration } = await runAsJob<GenerateAnswer>({ kind: "render", ownerId, subjects: [], key: input.idempotencyKey, projectId: null, input });
    expect(iteration.status).toBe("critiquing");

    // Sent before the render's outcome: the browser's wait finds it at once.
    const jobs = await critiqueJobsOf(ownerId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.id).toBe(jobIdFor({ ownerId, kind: "critique", key: chainedCritiqueKey(iteration.id) }));
    expect(jobs[0]!.data.input).toEqual({ iterationId: iteration.id, language: "zh", alsoTried: ["a lighthouse at noon"] });

    // A retried render (or the after-restart path) sending it again is the same job.
    await sendChainedCritique({ data: { ownerId, projectId: null, subjects: [] }, iterationId: iteration.id, language: "en" });
    // The browser's wait: the same key, an input of its own, and it joins rather than sends.
    const critiqued = await runAsJob<IterationView>({ kind: "critique", ownerId, subjects: [], key: chainedCritiqueKey(iteration.id), projectId: null, input: { iterationId: iteration.id, language: "en" } });
    expect(critiqued.status).toBe("done");
    expect(critiqued.critiques).toHaveLength(2);
    expect(await critiqueJobsOf(ownerId)).toHaveLength(1);
    expect((await critiqueJobsOf(ownerId))[0]!.data.input.language).toBe("zh");
    expect((await readJob({ kind: "critique", id: jobs[0]!.id }))?.state).toBe("completed");
  });

  it("chains a clip's critique the same way, from its video-render job", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const prompt = "a paper boat drifting across a puddle";
    const input: VideoRenderJobInput = { projectId: null, parentId: null, draft: prompt, refinedPrompt: "", prompt, video: { providerId: "local", aspectRatio: "16:9", durationSeconds: 2, seed: 7 }, idempotencyKey: randomUUID(), critiqueAfter: true, language: "zh" };
    const { iteration } = await runAsJob<GenerateAnswer>({ kind: "video-render", ownerId, subjects: [], key: input.idempotencyKey, projectId: null, input });
    expect(iteration.mediaKind).toBe("video");
    expect(iteration.status).toBe("critiquing");
    const jobs = await critiqueJobsOf(ownerId);
    expect(jobs.map((j) => j.data.key)).toEqual([chainedCritiqueKey(iteration.id)]);
    expect(jobs[0]!.data.input.language).toBe("zh");
  });

  it("chains nothing for a render that did not ask (critiqueAfter false)", async () => {
    const ownerId = `owner-${randomUUID()}`;
    const input = renderInput({ n: 1, critiqueAfter: false, language: "en" });
    const { iteration } = await runAsJob<GenerateAnswer>({ kind: "render", ownerId, subjects: [], key: input.idempotencyKey, projectId: null, input });
    expect(iteration.status).toBe("critiquing");
    expect(await critiqueJobsOf(ownerId)).toHaveLength(0);
  });
});
