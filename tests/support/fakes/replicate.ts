/**
 * Replicate (https://api.replicate.com/v1): `POST /models/{owner}/{name}/predictions` with
 * `Authorization: Bearer …` and `Prefer: wait`, body `{ input: { prompt, aspect_ratio, seed,
 * num_outputs } }`; answers 201 with the finished prediction (`output` is a list of URLs, or
 * one URL for single-image models). Errors are problem details: `{ title, detail, status }`.
 */
import { randomUUID } from "node:crypto";
import { HttpFailure, flatImage, isRecord, sizeForRatio, startProviderFake, type Protocol, type ProviderFake } from "./provider-fake";

const RATIOS = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"];
/** Models whose output is a single URL rather than a list. */
const SINGLE_OUTPUT = new Set(["black-forest-labs/flux-1.1-pro", "ideogram-ai/ideogram-v3-turbo"]);
const MODELS = new Set(["black-forest-labs/flux-schnell", ...SINGLE_OUTPUT]);

const problem = (status: number, title: string, detail: string) => new HttpFailure(status, { title, detail, status });

export const replicateProtocol: Protocol = {
  basePath: "/v1",
  checkAuth(headers, apiKey) {
    if (headers.authorization !== `Bearer ${apiKey}`) return problem(401, "Unauthenticated", "You did not pass a valid authentication token");
  },
  fault: (status) => (status === 429 ? problem(429, "Request was throttled.", "Request was throttled. Expected available in 1 second.") : problem(status, "Internal Server Error", "Something went wrong")),
  async handle(ctx) {
    const model = /^\/v1\/models\/([^/]+\/[^/]+)\/predictions$/.exec(ctx.path)?.[1];
    if (ctx.method !== "POST" || !model || !MODELS.has(model)) throw problem(404, "Not found", "The requested resource could not be found.");
    const input = isRecord(ctx.body) && isRecord(ctx.body.input) ? ctx.body.input : undefined;
    if (!input || typeof input.prompt !== "string") throw problem(422, "Input validation failed", "- input: prompt is required");
    const ratio = (input.aspect_ratio as string | undefined) ?? "1:1";
    if (!RATIOS.includes(ratio)) throw problem(422, "Input validation failed", `- input.aspect_ratio: input.aspect_ratio must be one of the following: ${RATIOS.map((r) => `"${r}"`).join(", ")}`);
    const n = (input.num_outputs as number | undefined) ?? 1;
    if (n < 1 || n > 4 || (SINGLE_OUTPUT.has(model) && n !== 1)) throw problem(422, "Input validation failed", "- input.num_outputs: Must be less than or equal to 4");
    const { width, height } = sizeForRatio(ratio);
    const seed = (input.seed as number | undefined) ?? 42;
    const urls = await Promise.all(Array.from({ length: n }, async (_, i) => ctx.host(await flatImage({ prompt: input.prompt as string, index: seed + i, width, height }), "png")));
    const id = randomUUID().replace(/-/g, "").slice(0, 26);
    const output = SINGLE_OUTPUT.has(model) ? urls[0] : urls;
    const prediction = { id, model, version: "dp-4d0bcc010b3049749a251855f12800be", input, logs: "", output, data_removed: false, error: null, status: "succeeded", created_at: new Date().toISOString(), urls: { get: `${ctx.origin}/v1/predictions/${id}`, cancel: `${ctx.origin}/v1/predictions/${id}/cancel` } };
    return { status: 201, json: prediction };
  },
};

export const startReplicateFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: replicateProtocol, ...options });
