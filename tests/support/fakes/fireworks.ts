/**
 * Fireworks FLUX workflows (https://api.fireworks.ai/inference/v1):
 * `POST /workflows/{model}/text_to_image` with `Authorization: Bearer …`, body `{ prompt,
 * aspect_ratio, seed, samples }`, answered with the image bytes (JPEG). Errors are JSON
 * `{ error: { object: "error", type, message } }`.
 */
import { HttpFailure, flatImage, isRecord, sizeForRatio, startProviderFake, type Protocol, type ProviderFake } from "./provider-fake";

const RATIOS = ["1:1", "21:9", "16:9", "3:2", "5:4", "4:5", "2:3", "9:16", "9:21", "4:3", "3:4"];
const MODELS = ["accounts/fireworks/models/flux-1-schnell-fp8", "accounts/fireworks/models/flux-1-dev-fp8"];

const error = (status: number, message: string) => new HttpFailure(status, { error: { object: "error", type: status === 401 ? "unauthorized" : status >= 500 ? "internal_server_error" : "invalid_request_error", message } });

export const fireworksProtocol: Protocol = {
  basePath: "/inference/v1",
  checkAuth(headers, apiKey) {
    if (headers.authorization !== `Bearer ${apiKey}`) return error(401, "The API key you provided is invalid.");
  },
  fault: (status) => error(status, status === 429 ? "Request rate limit exceeded" : "Internal server error"),
  async handle(ctx) {
    const model = /^\/inference\/v1\/workflows\/(.+)\/text_to_image$/.exec(ctx.path)?.[1];
    if (ctx.method !== "POST" || !model || !MODELS.includes(model)) throw error(404, "Model not found, inaccessible, and/or not deployed");
    const body = isRecord(ctx.body) ? ctx.body : {};
    if (typeof body.prompt !== "string" || !body.prompt) throw error(400, "prompt is required");
    const ratio = (body.aspect_ratio as string | undefined) ?? "1:1";
    if (!RATIOS.includes(ratio)) throw error(400, `aspect_ratio must be one of ${RATIOS.join(", ")}`);
    if (body.samples !== undefined && body.samples !== 1) throw error(400, "samples must be 1 for this workflow");
    const { width, height } = sizeForRatio(ratio);
    const jpeg = await flatImage({ prompt: body.prompt, index: (body.seed as number | undefined) ?? 0, width, height, format: "jpeg" });
    return { bytes: jpeg, contentType: "image/jpeg", headers: { "finish-reason": "SUCCESS", seed: String(body.seed ?? 0) } };
  },
};

export const startFireworksFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: fireworksProtocol, ...options });
