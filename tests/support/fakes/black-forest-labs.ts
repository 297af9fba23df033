/**
 * Black Forest Labs (https://api.bfl.ai/v1): `POST /{model}` with an `x-key` header answers
 * `{ id, polling_url }`; `GET polling_url` answers `{ status: "Pending" }` until
 * `{ status: "Ready", result: { sample, seed } }`, `sample` being a signed image URL.
 * Errors: `{ detail: "…" }`, or `{ detail: [{ loc, msg, type }] }` for validation (422).
 * Kontext edits the images in `input_image`, `input_image_2` … (base64); FLUX.1 Fill
 * (`flux-pro-1.0-fill`) takes the image in `image` and a black-and-white `mask` of its size
 * (white = the region; without one, the image's transparent pixels), and answers at the image's
 * size with only that region changed.
 */
import { randomUUID } from "node:crypto";
import { base64Bytes, decodeImage, fakeEdit, maskedPixels, sha256, type Decoded } from "./edit-image";
import { HttpFailure, flatImage, isRecord, sizeForRatio, startProviderFake, type Protocol, type ProviderFake } from "./provider-fake";

const RATIO_MODELS = new Set(["flux-kontext-pro", "flux-kontext-max", "flux-pro-1.1-ultra"]);
const SIZE_MODELS = new Set(["flux-pro-1.1", "flux-dev"]);
const FILL = "flux-pro-1.0-fill";
const KONTEXT_INPUTS = ["input_image", "input_image_2", "input_image_3", "input_image_4"];
/** An edit remembers its input, so the poll answers with that image changed. */
type Source = { image: Decoded; edit?: Uint8Array; key: string };
type Job = { prompt: string; seed: number; width: number; height: number; polls: number; source?: Source };

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
    if (ctx.method !== "POST" || !(RATIO_MODELS.has(model) || SIZE_MODELS.has(model) || model === FILL)) throw new HttpFailure(404, { detail: "Not Found" });
    const body = isRecord(ctx.body) ? ctx.body : {};
    if (typeof body.prompt !== "string" || !body.prompt) throw invalid("prompt", "field required");
    const id = randomUUID();
    const seed = (body.seed as number | undefined) ?? 7;
    const job: Job = model === FILL ? await fillJob(body as Record<string, unknown> & { prompt: string }, seed) : { prompt: body.prompt, seed, ...shape(model, body), polls: 0, source: await kontextSource(model, body as Record<string, unknown> & { prompt: string }) };
    ctx.jobs.set(id, job);
    return { json: { id, polling_url: `${ctx.origin}/v1/get_result?id=${id}`, cost: 4, input_mp: 0, output_mp: 1.05 } };
  },
};

async function poll(id: string, ctx: Parameters<Protocol["handle"]>[0]) {
  const job = ctx.jobs.get(id) as Job | undefined;
  if (!job) return { json: { id, status: "Task not found", result: null } };
  job.polls += 1;
  const png = job.source ? await fakeEdit({ ...job.source, size: { width: job.width, height: job.height } }) : await flatImage({ prompt: job.prompt, index: job.seed, width: job.width, height: job.height });
  return { json: { id, status: "Ready", result: { sample: ctx.host(png, "png"), prompt: job.prompt, seed: job.seed, start_time: 1, end_time: 2, duration: 1 }, progress: null, details: null } };
}

export const startBflFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: bflProtocol, ...options });

/** A base64 image field: bytes that decode, or a 422 naming the field. */
async function imageField(body: Record<string, unknown>, field: string): Promise<{ image: Decoded; sha256: string } | undefined> {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const bytes = typeof value === "string" ? base64Bytes(value) : undefined;
  const image = bytes ? await decodeImage(bytes) : undefined;
  if (!bytes || !image) throw invalid(field, "Invalid image: the value must be a base64-encoded image");
  return { image, sha256: sha256(bytes) };
}

/** Kontext's input images, when it was given some: the answer is the first, tinted, at the asked shape. */
async function kontextSource(model: string, body: Record<string, unknown> & { prompt: string }): Promise<Source | undefined> {
  if (!model.startsWith("flux-kontext")) return undefined;
  const inputs = (await Promise.all(KONTEXT_INPUTS.map((field) => imageField(body, field)))).filter((i) => i !== undefined);
  if (inputs.length === 0) return undefined;
  return { image: inputs[0]!.image, key: `${body.prompt}|${inputs.map((i) => i.sha256).join(",")}` };
}

/** FLUX.1 Fill: `image` required; `mask` of the same size (white = fill) or the image's own transparency. */
async function fillJob(body: Record<string, unknown> & { prompt: string }, seed: number): Promise<Job> {
  const image = await imageField(body, "image");
  if (!image) throw invalid("image", "field required");
  const mask = await imageField(body, "mask");
  if (mask && (mask.image.width !== image.image.width || mask.image.height !== image.image.height)) {
    throw invalid("mask", `Mask dimensions (${mask.image.width}x${mask.image.height}) must match the image dimensions (${image.image.width}x${image.image.height})`);
  }
  const region = mask ? maskedPixels(mask.image, "white") : maskedPixels(image.image, "transparent");
  const source = { image: image.image, edit: region, key: `${body.prompt}|${image.sha256}|${mask?.sha256 ?? "alpha"}` };
  return { prompt: body.prompt, seed, width: image.image.width, height: image.image.height, polls: 0, source };
}
