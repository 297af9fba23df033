/**
 * Replicate predictions for video models (https://api.replicate.com/v1), as @ai-sdk/replicate's
 * video model uses them:
 *   POST /models/{owner}/{name}/predictions   (or POST /predictions with `version`) `Authorization: Bearer …`,
 *        `Prefer: wait`, { input: { prompt, image?, aspect_ratio?, duration?, seed?, … } }
 *        → 201 with the prediction, still "starting" (a clip outlasts the wait)
 *   GET  /predictions/{id}                    → "processing" until done, then "succeeded" with `output` (the
 *                                               clip's URL), or "failed" with `error`
 *   POST /predictions/{id}/cancel
 * Errors are problem details: { title, detail, status }.
 */
import { HttpFailure, isRecord, type Protocol, type RouteContext } from "./provider-fake";
import { clipFor, clipSize, createVideoJobs, type VideoJob, type VideoJobs } from "./video-jobs";

const problem = (status: number, title: string, detail: string) => new HttpFailure(status, { title, detail, status });

/** Video models this fake knows, with the inputs each takes. */
const MODELS: Record<string, { inputs: string[]; seconds: number }> = {
  "minimax/video-01": { inputs: ["prompt", "prompt_optimizer", "first_frame_image", "subject_reference"], seconds: 6 },
  "stability-ai/stable-video-diffusion": { inputs: ["input_image", "video_length", "sizing_strategy", "frames_per_second", "motion_bucket_id", "cond_aug", "decoding_t", "seed"], seconds: 3 },
};

const SUBMIT_MODEL = /^\/v1\/models\/([^/]+\/[^/]+)\/predictions$/;
const PREDICTION = /^\/v1\/predictions\/([0-9a-z]+)(\/cancel)?$/;

export function replicateVideoProtocol(input: { jobs?: VideoJobs } = {}): Protocol & { jobs: VideoJobs; handles(ctx: Pick<RouteContext, "method" | "path" | "body">): boolean } {
  const jobs = input.jobs ?? createVideoJobs();
  const created = new Map<string, string>();
  const prediction = (ctx: RouteContext, job: VideoJob, status: string, extra: Record<string, unknown> = {}) => ({
    id: job.id,
    model: job.model,
    version: "5aa835260ff7f40f4069c41185f72036accf99e29957bb4a3b3a911f3b6c1912",
    input: isRecord(job.body) ? job.body.input : undefined,
    logs: "",
    output: null,
    error: null,
    status,
    created_at: created.get(job.id),
    urls: { get: `${ctx.origin}/v1/predictions/${job.id}`, cancel: `${ctx.origin}/v1/predictions/${job.id}/cancel`, stream: `${ctx.origin}/v1/stream/${job.id}` },
    ...extra,
  });
  return {
    jobs,
    basePath: "/v1",
    handles: (ctx) => {
      const model = SUBMIT_MODEL.exec(ctx.path)?.[1]?.split(":")[0];
      return (model !== undefined && model in MODELS) || (PREDICTION.test(ctx.path) && jobs.submitted.some((j) => ctx.path.includes(j.id)));
    },
    checkAuth(headers, apiKey) {
      if (headers.authorization !== `Bearer ${apiKey}`) return problem(401, "Unauthenticated", "You did not pass a valid authentication token");
    },
    fault: (status) => (status === 429 ? problem(429, "Request was throttled.", "Request was throttled. Expected available in 1 second.") : problem(status, "Internal Server Error", "Something went wrong")),
    async handle(ctx) {
      const submit = SUBMIT_MODEL.exec(ctx.path);
      if (submit && ctx.method === "POST") {
        const model = submit[1]!;
        const rules = MODELS[model];
        if (!rules) throw problem(404, "Not found", "The requested resource could not be found.");
        const body = isRecord(ctx.body) ? ctx.body : {};
        const inputs = isRecord(body.input) ? body.input : undefined;
        if (!inputs) throw problem(422, "Input validation failed", "- input: input is required");
        if (rules.inputs.includes("prompt") && typeof inputs.prompt !== "string") throw problem(422, "Input validation failed", "- input: prompt is required");
        const job = jobs.submit({ model, body, key: String(inputs.prompt ?? inputs.input_image ?? ""), seconds: rules.seconds, ...clipSize("16:9") });
        created.set(job.id, new Date().toISOString());
        return { status: 201, json: prediction(ctx, job, "starting") };
      }
      const match = PREDICTION.exec(ctx.path);
      const job = match ? jobs.get(match[1]!) : undefined;
      if (!match || !job) throw problem(404, "Not found", "The requested resource could not be found.");
      if (match[2] === "/cancel") return { json: prediction(ctx, job, "canceled") };
      const state = jobs.poll(job.id);
      if (state === "pending") return { json: prediction(ctx, job, "processing", { logs: `${job.polls * 20}%` }) };
      if (state === "failed") return { json: prediction(ctx, job, "failed", { error: "The model crashed while generating this video." }) };
      if (!job.url) {
        const clip = clipFor(job, jobs.hugeBytes);
        job.url = ctx.host(clip.bytes, clip.extension);
      }
      return { json: prediction(ctx, job, "succeeded", { output: job.url, metrics: { predict_time: 41.2 }, completed_at: new Date().toISOString() }) };
    },
  };
}
