/**
 * Black Forest Labs (https://api.bfl.ai/v1): `POST /{model}` with an `x-key` header answers
 * `{ id, polling_url }`; `GET polling_url` answers `{ status: "Pending" }` until
 * `{ status: "Ready", result: { sample, seed } }`, `sample` being a signed image URL.
 * Errors: `{ detail: "…" }`, or `{ detail: [{ loc, msg, type }] }` for validation (422).
 */
import { randomUUID } from "node:crypto";
import { HttpFailure, flatImage, isRecord, sizeForRatio, startProviderFake, type Protocol, type ProviderFake } from "./provider-fake";

const RATIO_MODELS = new Set(["flux-kontext-pro", "flux-kontext-max", "flux-pro-1.1-ultra"]);
const SIZE_MODELS = new Set(["flux-pro-1.1", "flux-dev"]);
type Job = { prompt: string; seed: number; width: number; height: number; polls: number };

const invalid = (loc: string, msg: string) => new HttpFailure(422, { detail: [{ loc: ["body", loc], msg, type: "value_error" }] });

function shape(model: string, body: Record<string, unknown>): { width: number; height: number } {
  if (RATIO_MODELS.has(model)) {
    const ratio = typeof body.aspect_ratio === "string" ? body.aspect_ratio : "1:1";
    const [w, h] = ratio.split(":").map(Number) as [number, number];
    if (!w || !h || w / h > 21 / 9 || w / h < 9 / 21) throw invalid("aspect_ratio", "Aspect ratio must be between 21:9 and 9:21");
    return sizeForRatio(ratio);
  }
  const width = (body.width as number | undefined) ?? 1024;
  const height = (body.height as number | undefined) ?? 768;
  if (width % 32 || height % 32 || width < 256 || height < 256 || width > 1440 || height > 1440) throw invalid("width", "Width and height must be multiples of 32 between 256 and 1440");
  return { width, height };
}

export const bflProtocol: Protocol = {
  basePath: "/v1",
  checkAuth(headers, apiKey) {
    if (headers["x-key"] !== apiKey) return new HttpFailure(403, { detail: "Not authenticated - Invalid Authentication" });
  },
  fault: (status) => new HttpFailure(status, { detail: status === 429 ? "You have exceeded the number of active tasks." : "Internal Server Error" }),
  async handle(ctx) {
    if (ctx.method === "GET" && ctx.path === "/v1/get_result") return poll(ctx.query.id ?? "", ctx);
    const model = ctx.path.replace(/^\/v1\//, "");
    if (ctx.method !== "POST" || !(RATIO_MODELS.has(model) || SIZE_MODELS.has(model))) throw new HttpFailure(404, { detail: "Not Found" });
    const body = isRecord(ctx.body) ? ctx.body : {};
    if (typeof body.prompt !== "string" || !body.prompt) throw invalid("prompt", "field required");
    const id = randomUUID();
    const job: Job = { prompt: body.prompt, seed: (body.seed as number | undefined) ?? 7, ...shape(model, body), polls: 0 };
    ctx.jobs.set(id, job);
    return { json: { id, polling_url: `${ctx.origin}/v1/get_result?id=${id}`, cost: 4, input_mp: 0, output_mp: 1.05 } };
  },
};

async function poll(id: string, ctx: Parameters<Protocol["handle"]>[0]) {
  const job = ctx.jobs.get(id) as Job | undefined;
  if (!job) return { json: { id, status: "Task not found", result: null } };
  job.polls += 1;
  const png = await flatImage({ prompt: job.prompt, index: job.seed, width: job.width, height: job.height });
  return { json: { id, status: "Ready", result: { sample: ctx.host(png, "png"), prompt: job.prompt, seed: job.seed, start_time: 1, end_time: 2, duration: 1 }, progress: null, details: null } };
}

export const startBflFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: bflProtocol, ...options });
