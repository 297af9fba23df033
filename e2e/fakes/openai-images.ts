/**
 * A local, protocol-faithful fake of the OpenAI Images API (`POST /v1/images/generations`),
 * for tests and demos without a key. It checks the bearer key, the model, `size` and `n`
 * as the real API does, answers with the real JSON shape (`created`, `data[].b64_json`,
 * `revised_prompt` for dall-e-3, `usage` for GPT Image) and the real error bodies
 * (`{ error: { message, type, param, code } }`). Images are flat PNGs whose colour is
 * derived from the prompt, so a test can tell renders apart.
 *
 * Standalone: npx tsx e2e/fakes/openai-images.ts --port 4011 --key sk-test
 * (control from another process: POST /__control { failNext: { status, count }, latencyMs, reset }).
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";

export type OpenAIImagesRequest = { at: string; path: string; headers: Record<string, string>; body: unknown; status: number };

export type OpenAIImagesFake = {
  /** Base URL ending in /v1, as `createOpenAI({ baseURL })` expects. */
  url: string;
  close(): Promise<void>;
  requests: OpenAIImagesRequest[];
  /** The next `count` (default 1) generation requests fail with this status and OpenAI's error body. */
  failNext(status: number, count?: number): void;
  /** Delay before every generation answer. */
  setLatency(ms: number): void;
  reset(): void;
};

export type OpenAIImagesFakeOptions = { port?: number; host?: string; apiKey?: string };

type ModelSpec = { sizes: string[]; maxN: number; revisesPrompt: boolean; defaultB64: boolean };

const MODELS: Record<string, ModelSpec> = {
  "gpt-image-1": { sizes: ["1024x1024", "1536x1024", "1024x1536", "auto"], maxN: 10, revisesPrompt: false, defaultB64: true },
  "gpt-image-1-mini": { sizes: ["1024x1024", "1536x1024", "1024x1536", "auto"], maxN: 10, revisesPrompt: false, defaultB64: true },
  "dall-e-3": { sizes: ["1024x1024", "1792x1024", "1024x1792"], maxN: 1, revisesPrompt: true, defaultB64: false },
  "dall-e-2": { sizes: ["256x256", "512x512", "1024x1024"], maxN: 10, revisesPrompt: false, defaultB64: false },
};

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

type State = { apiKey: string; faults: Array<{ status: number; remaining: number }>; latencyMs: number; requests: OpenAIImagesRequest[]; files: Map<string, Buffer> };

export async function startOpenAIImagesFake(options: OpenAIImagesFakeOptions = {}): Promise<OpenAIImagesFake> {
  const state: State = { apiKey: options.apiKey ?? "sk-test-openai", faults: [], latencyMs: 0, requests: [], files: new Map() };
  const host = options.host ?? "127.0.0.1";
  let base = "";
  const server = createServer((req, res) => {
    handle({ req, res, state, base }).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, new ApiFailure(500, "server_error", error instanceof Error ? error.message : "Internal error"));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/v1`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    requests: state.requests,
    failNext: (status, count = 1) => failNext(state, status, count),
    setLatency: (ms) => {
      state.latencyMs = Math.max(0, ms);
    },
    reset: () => reset(state),
  };
}

function failNext(state: State, status: number, count: number) {
  if (!Number.isInteger(status) || status < 400) throw new Error(`failNext needs an error status, got ${status}`);
  state.faults.push({ status, remaining: count });
}

function reset(state: State) {
  state.faults.length = 0;
  state.latencyMs = 0;
  state.requests.length = 0;
  state.files.clear();
}

async function handle(ctx: { req: IncomingMessage; res: ServerResponse; state: State; base: string }) {
  const { req, res, state } = ctx;
  const path = new URL(req.url ?? "/", "http://fake").pathname;
  if (path === "/__health") return sendJson(res, 200, { ok: true });
  if (path === "/__control") return control(ctx);
  if (req.method === "GET" && path.startsWith("/__files/")) return serveFile(res, state, path);
  const entry: OpenAIImagesRequest = { at: new Date().toISOString(), path, headers: flatHeaders(req), body: null, status: 200 };
  state.requests.push(entry);
  try {
    if (path !== "/v1/images/generations") throw new ApiFailure(404, "invalid_request_error", `Invalid URL (${req.method} ${path})`);
    if (req.method !== "POST") throw new ApiFailure(405, "invalid_request_error", `Invalid method for URL (${req.method} ${path})`);
    const raw = await readBody(req);
    checkAuth(req, state.apiKey);
    entry.body = parseJson(raw);
    const fault = takeFault(state);
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    if (fault) throw faultError(fault);
    sendJson(res, 200, await generate({ body: entry.body, state, base: ctx.base }));
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    entry.status = error.status;
    sendError(res, error);
  }
}

function checkAuth(req: IncomingMessage, key: string) {
  const header = req.headers.authorization;
  if (!header) {
    throw new ApiFailure(401, "invalid_request_error", "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
  }
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
  if (given !== key) {
    const hint = given.length > 8 ? `${given.slice(0, 3)}*****${given.slice(-4)}` : "*****";
    throw new ApiFailure(401, "invalid_request_error", `Incorrect API key provided: ${hint}. You can find your API key at https://platform.openai.com/account/api-keys.`, "invalid_api_key");
  }
}

function takeFault(state: State): { status: number } | undefined {
  const fault = state.faults[0];
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) state.faults.shift();
  return fault;
}

function faultError({ status }: { status: number }): ApiFailure {
  if (status === 401) return new ApiFailure(401, "invalid_request_error", "Incorrect API key provided: sk-*****0000. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key");
  if (status === 429) {
    return new ApiFailure(429, "requests", "Rate limit reached for images per minute. Please try again in 1s.", "rate_limit_exceeded", null, {
      "retry-after": "1",
      "retry-after-ms": "50",
      "x-ratelimit-limit-requests": "5",
      "x-ratelimit-remaining-requests": "0",
    });
  }
  if (status === 400) return new ApiFailure(400, "image_generation_user_error", "Your request was rejected as a result of our safety system.", "content_policy_violation");
  if (status >= 500) return new ApiFailure(status, "server_error", "The server had an error while processing your request. Sorry about that!");
  return new ApiFailure(status, "invalid_request_error", `Request failed with status ${status}.`);
}

type Generation = { model: string; spec: ModelSpec; prompt: string; n: number; size: string; b64: boolean };

function validate(body: unknown): Generation {
  if (!isRecord(body)) throw new ApiFailure(400, "invalid_request_error", "We could not parse the JSON body of your request.");
  const prompt = body.prompt;
  if (typeof prompt !== "string" || prompt.length === 0) throw new ApiFailure(400, "invalid_request_error", "Missing required parameter: 'prompt'.", "missing_required_parameter", "prompt");
  const model = typeof body.model === "string" ? body.model : "dall-e-2";
  const spec = MODELS[model];
  if (!spec) throw new ApiFailure(404, "invalid_request_error", `The model '${model}' does not exist or you do not have access to it.`, "model_not_found");
  const n = body.n ?? 1;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new ApiFailure(400, "invalid_request_error", `Invalid value for 'n': expected an integer of at least 1.`, "invalid_value", "n");
  if (n > spec.maxN) {
    const message = spec.maxN === 1 ? "You must provide n=1 for this model." : `Invalid 'n': integer above maximum value. Expected a value <= ${spec.maxN}, but got ${n} instead.`;
    throw new ApiFailure(400, "invalid_request_error", message, spec.maxN === 1 ? null : "integer_above_max_value", "n");
  }
  const size = typeof body.size === "string" ? body.size : spec.sizes[0]!;
  if (!spec.sizes.includes(size)) {
    const list = spec.sizes.map((s) => `'${s}'`).join(", ");
    throw new ApiFailure(400, "invalid_request_error", `Invalid value: '${size}'. Supported values are: ${list}.`, "invalid_value", "size");
  }
  if (body.response_format !== undefined && model.startsWith("gpt-image")) {
    throw new ApiFailure(400, "invalid_request_error", "Unknown parameter: 'response_format'.", "unknown_parameter", "response_format");
  }
  if (prompt.length > 32_000) throw new ApiFailure(400, "invalid_request_error", "Invalid 'prompt': string too long.", "string_above_max_length", "prompt");
  return { model, spec, prompt, n, size: size === "auto" ? "1024x1024" : size, b64: spec.defaultB64 || body.response_format === "b64_json" };
}

/** A flat colour from the prompt (and image index), so different prompts give different bytes. */
async function flatPng(prompt: string, index: number, size: string): Promise<Buffer> {
  const digest = createHash("sha256").update(`${index}:${prompt}`).digest();
  const [width, height] = size.split("x").map(Number) as [number, number];
  return sharp({ create: { width, height, channels: 3, background: { r: digest[0]!, g: digest[1]!, b: digest[2]! } } }).png().toBuffer();
}

async function generate(input: { body: unknown; state: State; base: string }) {
  const request = validate(input.body);
  const pngs = await Promise.all(Array.from({ length: request.n }, (_, i) => flatPng(request.prompt, i, request.size)));
  const data = pngs.map((png) => {
    const revised = request.spec.revisesPrompt ? { revised_prompt: `A detailed illustration: ${request.prompt}` } : {};
    if (request.b64) return { b64_json: png.toString("base64"), ...revised };
    const id = randomUUID();
    input.state.files.set(id, png);
    return { url: `${input.base}/__files/${id}.png`, ...revised };
  });
  const created = Math.floor(Date.now() / 1000);
  if (!request.model.startsWith("gpt-image")) return { created, data };
  const textTokens = Math.ceil(request.prompt.length / 4);
  const perImage = request.size === "1024x1024" ? 1056 : 1584;
  return {
    created,
    background: "opaque",
    data,
    output_format: "png",
    quality: "medium",
    size: request.size,
    usage: {
      input_tokens: textTokens,
      input_tokens_details: { image_tokens: 0, text_tokens: textTokens },
      output_tokens: perImage * request.n,
      total_tokens: textTokens + perImage * request.n,
    },
  };
}

async function control(ctx: { req: IncomingMessage; res: ServerResponse; state: State }) {
  const { req, res, state } = ctx;
  if (req.method === "GET") {
    const requests = state.requests.map(({ at, path, status, body }) => ({ at, path, status, model: isRecord(body) ? body.model : undefined, size: isRecord(body) ? body.size : undefined }));
    return sendJson(res, 200, { requests, pendingFaults: state.faults, latencyMs: state.latencyMs });
  }
  try {
    const body = parseJson(await readBody(req));
    if (!isRecord(body)) throw new ApiFailure(400, "invalid_request_error", "Control body must be an object");
    if (body.reset === true) reset(state);
    if (isRecord(body.failNext)) failNext(state, Number(body.failNext.status), Number(body.failNext.count ?? 1));
    if (typeof body.latencyMs === "number") state.latencyMs = Math.max(0, body.latencyMs);
    sendJson(res, 200, { ok: true, pendingFaults: state.faults, latencyMs: state.latencyMs });
  } catch (error) {
    sendError(res, error instanceof ApiFailure ? error : new ApiFailure(400, "invalid_request_error", (error as Error).message));
  }
}

function serveFile(res: ServerResponse, state: State, path: string) {
  const png = state.files.get(path.replace(/^\/__files\//, "").replace(/\.png$/, ""));
  if (!png) return sendError(res, new ApiFailure(404, "invalid_request_error", "File not found"));
  res.writeHead(200, { "content-type": "image/png", "content-length": png.length });
  res.end(png);
}

/* ---------- plumbing ---------- */

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiFailure(400, "invalid_request_error", "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-request-id": `req_${randomUUID().replace(/-/g, "")}`, ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiFailure) {
  sendJson(res, error.status, { error: { message: error.message, type: error.type, param: error.param, code: error.code } }, error.headers);
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/* ---------- standalone ---------- */

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const invokedDirectly = typeof process !== "undefined" && /e2e[\\/]fakes[\\/]openai-images\.ts$/.test(process.argv[1] ?? "");

if (invokedDirectly) {
  // No top-level await: tsx may load this file as CommonJS.
  void startOpenAIImagesFake({ port: Number(argValue("--port") ?? 4011), apiKey: argValue("--key"), host: argValue("--host") }).then((fake) => {
    console.log(`OpenAI images fake listening on ${fake.url}`);
    const stop = () => void fake.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
