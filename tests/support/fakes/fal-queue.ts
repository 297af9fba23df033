/**
 * fal's queue API (https://queue.fal.run), as @ai-sdk/fal's video models use it:
 *   POST /fal-ai/{model}                      submit: `Authorization: Key …`, JSON { prompt, image_url?,
 *                                             aspect_ratio, duration: "5s", seed?, resolution?, … }
 *                                             → { request_id, response_url, status_url, cancel_url, status: "IN_QUEUE" }
 *   GET  /fal-ai/{model}/requests/{id}/status → { status: IN_QUEUE | IN_PROGRESS | COMPLETED, … }
 *   GET  /fal-ai/{model}/requests/{id}       → 400 { detail: "Request is still in progress" } until done,
 *                                             then { video: { url, content_type, file_name, file_size }, seed, timings }
 *   PUT  /fal-ai/{model}/requests/{id}/cancel
 * The URLs it hands out are on the public queue origin, as the real queue's are: a client that
 * sends queue.fal.run to this fake (Loupe does, with FAL_BASE_URL) polls them here. Any model id
 * is accepted; the Luma, MiniMax and Hunyuan ids have their own checks.
 */
import { HttpFailure, isRecord, type Protocol, type RouteContext } from "./provider-fake";
import { clipFor, clipSize, createVideoJobs, type VideoJobs } from "./video-jobs";

export const FAL_QUEUE_ORIGIN = "https://queue.fal.run";

const invalid = (loc: string, msg: string) => new HttpFailure(422, { detail: [{ loc: ["body", loc], msg, type: "value_error" }] });

type ModelRules = { durations?: string[]; ratios?: string[]; resolutions?: string[] };
const RULES: Record<string, ModelRules> = {
  "luma-ray-2": { durations: ["5s", "9s"], ratios: ["16:9", "9:16", "4:3", "3:4", "21:9", "9:21", "1:1"], resolutions: ["540p", "720p", "1080p"] },
  "luma-ray-2-flash": { durations: ["5s", "9s"], ratios: ["16:9", "9:16", "4:3", "3:4", "21:9", "9:21", "1:1"], resolutions: ["540p", "720p", "1080p"] },
  "hunyuan-video": { ratios: ["16:9", "9:16"], resolutions: ["480p", "580p", "720p"] },
};

function check(model: string, body: Record<string, unknown>) {
  if (typeof body.prompt !== "string" || !body.prompt) throw invalid("prompt", "field required");
  const rules = RULES[model.replace(/^fal-ai\//, "")] ?? {};
  if (body.duration !== undefined && rules.durations && !rules.durations.includes(String(body.duration))) throw invalid("duration", `value is not a valid enumeration member; permitted: ${rules.durations.join(", ")}`);
  if (body.aspect_ratio !== undefined && rules.ratios && !rules.ratios.includes(String(body.aspect_ratio))) throw invalid("aspect_ratio", `value is not a valid enumeration member; permitted: ${rules.ratios.join(", ")}`);
  if (body.resolution !== undefined && rules.resolutions && !rules.resolutions.includes(String(body.resolution))) throw invalid("resolution", `value is not a valid enumeration member; permitted: ${rules.resolutions.join(", ")}`);
  if (body.image_url !== undefined && (typeof body.image_url !== "string" || !/^(https?:|data:image\/)/.test(body.image_url))) throw invalid("image_url", "Invalid image URL");
}

const REQUEST = /^\/(fal-ai\/.+)\/requests\/([0-9a-f]+)(\/status|\/cancel)?$/;

export function falQueueProtocol(input: { jobs?: VideoJobs; publicOrigin?: string } = {}): Protocol & { jobs: VideoJobs; handles(ctx: Pick<RouteContext, "method" | "path">): boolean } {
  const jobs = input.jobs ?? createVideoJobs();
  const origin = input.publicOrigin ?? FAL_QUEUE_ORIGIN;
  const urls = (model: string, id: string) => {
    const response = `${origin}/${model}/requests/${id}`;
    return { response_url: response, status_url: `${response}/status`, cancel_url: `${response}/cancel` };
  };
  return {
    jobs,
    basePath: "",
    handles: (ctx) => REQUEST.test(ctx.path) || (ctx.method === "POST" && /^\/fal-ai\/[^/]+/.test(ctx.path) && !IMAGE_MODELS.has(ctx.path.slice(1))),
    checkAuth(headers, apiKey) {
      const given = /^Key\s+(.+)$/.exec(headers.authorization ?? "")?.[1];
      if (given !== apiKey) return new HttpFailure(401, { detail: "No user found for Key ID and Secret" });
    },
    fault: (status) => new HttpFailure(status, { detail: status >= 500 ? "Internal server error" : `Request failed with status ${status}` }),
    async handle(ctx) {
      const request = REQUEST.exec(ctx.path);
      if (!request) {
        if (ctx.method !== "POST") throw new HttpFailure(405, { detail: "Method Not Allowed" });
        const model = ctx.path.slice(1);
        const body = isRecord(ctx.body) ? ctx.body : {};
        check(model, body);
        const seconds = Number(/^(\d+)/.exec(String(body.duration ?? "5"))?.[1] ?? 5);
        const job = jobs.submit({ model, body, key: `${body.prompt as string}|${String(body.image_url ?? "").slice(0, 64)}`, seconds, ...clipSize(body.aspect_ratio as string | undefined) });
        return { json: { request_id: job.id, ...urls(model, job.id), status: "IN_QUEUE", queue_position: 0 } };
      }
      const [, model, id, action] = request as unknown as [string, string, string, string | undefined];
      const job = jobs.get(id);
      if (!job || job.model !== model) throw new HttpFailure(404, { detail: "Request not found" });
      if (action === "/cancel") return { status: 202, json: { status: "CANCELLATION_REQUESTED" } };
      if (action === "/status") return { json: { status: job.url ? "COMPLETED" : job.polls === 0 ? "IN_QUEUE" : "IN_PROGRESS", request_id: id, ...urls(model, id), logs: null, metrics: {} } };
      const state = jobs.poll(id);
      if (state === "pending") throw new HttpFailure(400, { detail: "Request is still in progress" });
      if (state === "failed") throw new HttpFailure(500, { error: { message: "The model failed to generate this video.", code: 500 } });
      return { json: result(ctx, job, jobs.hugeBytes) };
    },
  };
}

function result(ctx: RouteContext, job: ReturnType<VideoJobs["submit"]>, hugeBytes: number) {
  if (!job.url) {
    const clip = clipFor(job, hugeBytes);
    job.url = ctx.host(clip.bytes, clip.extension);
    job.bytes = clip.bytes.length;
  }
  const body = isRecord(job.body) ? job.body : {};
  return {
    video: { url: job.url, content_type: "video/mp4", file_name: `${job.id}.mp4`, file_size: job.bytes },
    ...(typeof body.seed === "number" ? { seed: body.seed } : {}),
    timings: { inference: 12.5 },
    has_nsfw_concepts: [false],
    prompt: body.prompt,
  };
}

/** The image fake's models (fal.ts): sync calls to them are images, not queue jobs, when one server plays both. */
const IMAGE_MODELS = new Set(["fal-ai/flux/dev", "fal-ai/flux/schnell", "fal-ai/flux-pro/v1.1", "fal-ai/flux-pro/kontext"]);
