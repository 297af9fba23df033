/**
 * Luma Dream Machine images (https://api.lumalabs.ai): `POST /dream-machine/v1/generations/image`
 * with `Authorization: Bearer …`, body `{ prompt, aspect_ratio, model }`, answers a queued
 * generation; `GET /dream-machine/v1/generations/{id}` answers it `completed` with
 * `assets.image`. Errors: `{ detail: "…" }`, or `{ detail: [{ type, loc, msg, input }] }` (400).
 */
import { randomUUID } from "node:crypto";
import { HttpFailure, flatImage, isRecord, sizeForRatio, startProviderFake, type Protocol, type ProviderFake } from "./provider-fake";

const RATIOS = ["1:1", "3:4", "4:3", "9:16", "16:9", "9:21", "21:9"];
const MODELS = ["photon-1", "photon-flash-1"];
type Job = { prompt: string; ratio: string; model: string; createdAt: string };

const invalid = (loc: string, msg: string, input: string) => new HttpFailure(400, { detail: [{ type: "value_error", loc: ["body", loc], msg, input }] });

function generation(id: string, job: Job, state: string, image?: string) {
  return { id, generation_type: "image", state, failure_reason: null, created_at: job.createdAt, assets: image ? { image } : null, model: job.model, request: { prompt: job.prompt, aspect_ratio: job.ratio, model: job.model } };
}

export const lumaProtocol: Protocol = {
  basePath: "",
  checkAuth(headers, apiKey) {
    if (headers.authorization !== `Bearer ${apiKey}`) return new HttpFailure(401, { detail: "Invalid API key" });
  },
  fault: (status) => new HttpFailure(status, { detail: status === 429 ? "Too many requests" : "Internal server error" }),
  async handle(ctx) {
    if (ctx.method === "POST" && ctx.path === "/dream-machine/v1/generations/image") {
      const body = isRecord(ctx.body) ? ctx.body : {};
      if (typeof body.prompt !== "string" || !body.prompt) throw invalid("prompt", "Field required", "");
      const ratio = (body.aspect_ratio as string | undefined) ?? "16:9";
      if (!RATIOS.includes(ratio)) throw invalid("aspect_ratio", `Input should be ${RATIOS.map((r) => `'${r}'`).join(", ")}`, ratio);
      const model = (body.model as string | undefined) ?? "photon-1";
      if (!MODELS.includes(model)) throw invalid("model", `Input should be ${MODELS.join(" or ")}`, model);
      const id = randomUUID();
      const job: Job = { prompt: body.prompt, ratio, model, createdAt: new Date().toISOString() };
      ctx.jobs.set(id, job);
      return { status: 201, json: generation(id, job, "queued") };
    }
    const id = /^\/dream-machine\/v1\/generations\/([\w-]+)$/.exec(ctx.path)?.[1];
    const job = id ? (ctx.jobs.get(id) as Job | undefined) : undefined;
    if (ctx.method !== "GET" || !id || !job) throw new HttpFailure(404, { detail: "Generation not found" });
    const { width, height } = sizeForRatio(job.ratio);
    const jpeg = await flatImage({ prompt: job.prompt, index: 0, width, height, format: "jpeg" });
    return { json: generation(id, job, "completed", ctx.host(jpeg, "jpeg")) };
  },
};

export const startLumaFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: lumaProtocol, ...options });
