/**
 * Veo through the Gemini API (https://generativelanguage.googleapis.com/v1beta), a long-running
 * operation, as @ai-sdk/google's video model uses it:
 *   POST /models/{model}:predictLongRunning  `x-goog-api-key`, { instances: [{ prompt, image?: { bytesBase64Encoded,
 *                                            mimeType } }], parameters: { sampleCount, aspectRatio, durationSeconds,
 *                                            seed?, resolution?, personGeneration?, negativePrompt? } } → { name }
 *   GET  /{name}                             → { name, done: false } until done, then { name, done: true, response:
 *                                            { generateVideoResponse: { generatedSamples: [{ video: { uri } }] } } }
 *                                            or { name, done: true, error: { code, message, status } }
 *   GET  /files/{id}:download?alt=media      the clip; the key may come as `?key=` (the SDK appends it)
 * Errors: { error: { code, message, status } }; a wrong key is a 400.
 */
import { randomUUID } from "node:crypto";
import { HttpFailure, isRecord, type Protocol, type RouteContext } from "./provider-fake";
import { clipFor, clipSize, createVideoJobs, type VideoJobs } from "./video-jobs";

const googleError = (code: number, status: string, message: string) => new HttpFailure(code, { error: { code, message, status } });
const invalid = (message: string) => googleError(400, "INVALID_ARGUMENT", message);

type Rules = { durations: number[]; resolutions: string[]; maxSamples: number };
function rulesFor(model: string): Rules | undefined {
  if (model.startsWith("veo-2")) return { durations: [5, 6, 7, 8], resolutions: ["720p"], maxSamples: 4 };
  if (model.startsWith("veo-3")) return { durations: [4, 6, 8], resolutions: ["720p", "1080p"], maxSamples: 2 };
  return undefined;
}

function check(model: string, body: unknown) {
  const rules = rulesFor(model);
  if (!rules) throw googleError(404, "NOT_FOUND", `models/${model} is not found for API version v1beta, or is not supported for predictLongRunning.`);
  const instance = isRecord(body) && Array.isArray(body.instances) && isRecord(body.instances[0]) ? body.instances[0] : undefined;
  if (!instance) throw invalid("* PredictLongRunningRequest.instances: instances is not specified");
  if ((typeof instance.prompt !== "string" || !instance.prompt) && !isRecord(instance.image)) throw invalid("A prompt or an image is required.");
  if (instance.image !== undefined) {
    const image = instance.image;
    if (!isRecord(image) || typeof image.bytesBase64Encoded !== "string" || !/^image\/(png|jpeg|webp)$/.test(String(image.mimeType))) throw invalid("image: bytesBase64Encoded and an image mimeType are required.");
  }
  const parameters = isRecord(body) && isRecord(body.parameters) ? body.parameters : {};
  if (parameters.aspectRatio !== undefined && !["16:9", "9:16"].includes(String(parameters.aspectRatio))) throw invalid(`Unsupported aspect ratio: ${String(parameters.aspectRatio)}. Supported: 16:9, 9:16.`);
  if (parameters.durationSeconds !== undefined && !rules.durations.includes(Number(parameters.durationSeconds))) throw invalid(`durationSeconds must be one of ${rules.durations.join(", ")} for ${model}.`);
  if (parameters.resolution !== undefined && !rules.resolutions.includes(String(parameters.resolution))) throw invalid(`Unsupported resolution: ${String(parameters.resolution)}.`);
  const samples = Number(parameters.sampleCount ?? 1);
  if (!Number.isInteger(samples) || samples < 1 || samples > rules.maxSamples) throw invalid(`sampleCount must be between 1 and ${rules.maxSamples}.`);
  return { instance, parameters };
}

const OPERATION = /^\/v1beta\/(models\/[^/:]+\/operations\/[0-9a-f]+)$/;
const FILE = /^\/v1beta\/files\/([0-9a-f]+):download$/;
const SUBMIT = /^\/v1beta\/models\/([^/:]+):predictLongRunning$/;

export function googleVeoProtocol(input: { jobs?: VideoJobs } = {}): Protocol & { jobs: VideoJobs; handles(ctx: Pick<RouteContext, "method" | "path">): boolean } {
  const jobs = input.jobs ?? createVideoJobs();
  const files = new Map<string, { bytes: Buffer; type: string }>();
  return {
    jobs,
    basePath: "/v1beta",
    handles: (ctx) => SUBMIT.test(ctx.path) || OPERATION.test(ctx.path) || FILE.test(ctx.path),
    checkAuth(headers, apiKey, request) {
      const given = headers["x-goog-api-key"] ?? request?.query.key;
      if (!given) return googleError(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
      if (given !== apiKey) return invalid("API key not valid. Please pass a valid API key.");
    },
    fault: (status) => (status === 429 ? googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).") : googleError(status, status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT", "An internal error has occurred.")),
    async handle(ctx) {
      const file = FILE.exec(ctx.path);
      if (file && ctx.method === "GET") {
        const hosted = files.get(file[1]!);
        if (!hosted) throw googleError(404, "NOT_FOUND", "File not found.");
        return { bytes: hosted.bytes, contentType: hosted.type };
      }
      const submit = SUBMIT.exec(ctx.path);
      if (submit && ctx.method === "POST") {
        const model = submit[1]!;
        const { instance, parameters } = check(model, ctx.body);
        const image = isRecord(instance.image) ? String(instance.image.bytesBase64Encoded).slice(0, 64) : "";
        const job = jobs.submit({ model, body: ctx.body, key: `${String(instance.prompt ?? "")}|${image}`, seconds: Number(parameters.durationSeconds ?? 8), ...clipSize(parameters.aspectRatio as string | undefined) });
        return { json: { name: `models/${model}/operations/${job.id}` } };
      }
      const operation = OPERATION.exec(ctx.path);
      if (operation && ctx.method === "GET") return { json: poll({ ctx, jobs, files, name: operation[1]! }) };
      throw googleError(404, "NOT_FOUND", "Requested entity was not found.");
    },
  };
}

function poll(input: { ctx: RouteContext; jobs: VideoJobs; files: Map<string, { bytes: Buffer; type: string }>; name: string }) {
  const { jobs, name } = input;
  const id = name.split("/").pop()!;
  const state = jobs.poll(id);
  if (state === "missing") throw googleError(404, "NOT_FOUND", `Operation ${name} not found.`);
  const metadata = { "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningMetadata" };
  if (state === "pending") return { name, metadata, done: false };
  if (state === "failed") return { name, metadata, done: true, error: { code: 13, message: "Video generation failed due to an internal error.", status: "INTERNAL" } };
  const job = jobs.get(id)!;
  if (!job.url) {
    const clip = clipFor(job, jobs.hugeBytes);
    const fileId = randomUUID().replace(/-/g, "");
    input.files.set(fileId, { bytes: clip.bytes, type: clip.extension === "mov" ? "video/quicktime" : "video/mp4" });
    job.url = `${input.ctx.origin}/v1beta/files/${fileId}:download?alt=media`;
  }
  return {
    name,
    metadata,
    done: true,
    response: { "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse", generateVideoResponse: { generatedSamples: [{ video: { uri: job.url } }] } },
  };
}
