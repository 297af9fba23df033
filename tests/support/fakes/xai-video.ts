/**
 * xAI's video API (https://api.x.ai/v1), as @ai-sdk/xai's video model uses it:
 *   POST /videos/generations  `Authorization: Bearer …`, { model, prompt, duration?, aspect_ratio?, resolution?,
 *                             image?: { url } } → { request_id }
 *   GET  /videos/{request_id} → 202 { status: "pending", progress } until done, then 200 { status: "done",
 *                             video: { url, duration, respect_moderation }, model, usage: { cost_in_usd_ticks } };
 *                             or { status: "failed" | "expired" }
 * Errors: { code, error }.
 */
import { HttpFailure, isRecord, type Protocol, type RouteContext } from "./provider-fake";
import { clipFor, clipSize, createVideoJobs, type VideoJobs } from "./video-jobs";

const xaiError = (status: number, message: string) => new HttpFailure(status, { code: status === 401 ? "Unauthenticated" : status === 404 ? "Not found" : "Client specified an invalid argument", error: message });

const MODELS: Record<string, string[]> = { "grok-imagine-video": ["480p", "720p"], "grok-imagine-video-1.5": ["480p", "720p", "1080p"] };
const RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3"];

function check(body: Record<string, unknown>) {
  const resolutions = MODELS[String(body.model)];
  if (!resolutions) throw xaiError(404, `The model ${String(body.model)} does not exist or your team does not have access to it.`);
  if ((typeof body.prompt !== "string" || !body.prompt) && !isRecord(body.image)) throw xaiError(400, "prompt: field required");
  if (body.duration !== undefined && (!Number.isInteger(body.duration) || (body.duration as number) < 1 || (body.duration as number) > 15)) throw xaiError(400, "duration must be an integer between 1 and 15");
  if (body.aspect_ratio !== undefined && !RATIOS.includes(String(body.aspect_ratio))) throw xaiError(400, `Invalid aspect_ratio: ${String(body.aspect_ratio)}`);
  if (body.resolution !== undefined && !resolutions.includes(String(body.resolution))) throw xaiError(400, `Invalid resolution for ${String(body.model)}: ${String(body.resolution)}`);
  if (body.image !== undefined && !(isRecord(body.image) && typeof body.image.url === "string" && /^(https?:|data:image\/)/.test(body.image.url))) throw xaiError(400, "image.url must be a URL or a data URI of an image");
}

const STATUS = /^\/v1\/videos\/([0-9a-f]+)$/;

export function xaiVideoProtocol(input: { jobs?: VideoJobs } = {}): Protocol & { jobs: VideoJobs; handles(ctx: Pick<RouteContext, "method" | "path">): boolean } {
  const jobs = input.jobs ?? createVideoJobs();
  return {
    jobs,
    basePath: "/v1",
    handles: (ctx) => ctx.path === "/v1/videos/generations" || STATUS.test(ctx.path),
    checkAuth(headers, apiKey) {
      const given = /^Bearer\s+(.+)$/.exec(headers.authorization ?? "")?.[1];
      if (given !== apiKey) return xaiError(401, `Incorrect API key provided: ${given ? `${given.slice(0, 3)}***` : "none"}.`);
    },
    fault: (status) => xaiError(status, status === 429 ? "Rate limit exceeded." : "The service is temporarily unavailable."),
    async handle(ctx) {
      if (ctx.path === "/v1/videos/generations" && ctx.method === "POST") {
        const body = isRecord(ctx.body) ? ctx.body : {};
        check(body);
        const image = isRecord(body.image) ? String(body.image.url).slice(0, 96) : "";
        const job = jobs.submit({ model: String(body.model), body, key: `${String(body.prompt ?? "")}|${image}`, seconds: Number(body.duration ?? 6), ...clipSize(body.aspect_ratio as string | undefined) });
        return { json: { request_id: job.id } };
      }
      const status = STATUS.exec(ctx.path);
      if (!status || ctx.method !== "GET") throw xaiError(404, `Invalid URL (${ctx.method} ${ctx.path})`);
      const state = jobs.poll(status[1]!);
      if (state === "missing") throw xaiError(404, "Video request not found.");
      const job = jobs.get(status[1]!)!;
      if (state === "pending") return { status: 202, json: { status: "pending", progress: Math.min(95, job.polls * 30) } };
      if (state === "failed") return { json: { status: "failed", error: { code: "internal", message: "Video generation failed." } } };
      return { json: done(ctx, job, jobs.hugeBytes) };
    },
  };
}

function done(ctx: RouteContext, job: ReturnType<VideoJobs["submit"]>, hugeBytes: number) {
  if (!job.url) {
    const clip = clipFor(job, hugeBytes);
    job.url = ctx.host(clip.bytes, clip.extension);
  }
  return { status: "done", video: { url: job.url, duration: job.seconds, respect_moderation: true }, model: job.model, usage: { cost_in_usd_ticks: job.seconds * 500_000_000 }, progress: 100 };
}
