/**
 * A local, protocol-faithful fake of the OpenAI Images API (`POST /v1/images/generations`, and
 * `POST /v1/images/edits` as multipart form data with one or more `image` files, `image[]` for
 * several, and an optional `mask` PNG whose fully transparent pixels are the region to edit — same
 * size as the first image, with an alpha channel), for tests and demos without a key. An edit's
 * answer is the first image changed only inside the mask (or tinted all over without one). It checks the bearer key, the model, `size` and `n`
 * as the real API does, answers with the real JSON shape (`created`, `data[].b64_json`,
 * `revised_prompt` for dall-e-3, `usage` for GPT Image) and the real error bodies
 * (`{ error: { message, type, param, code } }`). Images are flat PNGs whose colour is
 * derived from the prompt, so a test can tell renders apart. The plumbing (request log, faults,
 * latency, /__control, hosted files) is provider-fake's, as for every other provider fake.
 *
 * Standalone: npx tsx tests/support/fakes/openai-images.ts --port 4011 --key sk-test
 * (control from another process: POST /__control { failNext: { status, count }, latencyMs, reset }).
 */
import { createHash, randomUUID } from "node:crypto";
import { decodeImage, fakeEdit, maskedPixels } from "./edit-image";
import { HttpFailure, argValue, flatImage, isRecord, startProviderFake, type FakeRequest, type Protocol, type ProviderFake, type UploadedFile } from "./provider-fake";

export type OpenAIImagesRequest = FakeRequest;
/** `url` ends in /v1, as `createOpenAI({ baseURL })` expects. */
export type OpenAIImagesFake = ProviderFake;
export type OpenAIImagesFakeOptions = { port?: number; host?: string; apiKey?: string };

type ModelSpec = { sizes: string[]; maxN: number; revisesPrompt: boolean; defaultB64: boolean; edits: boolean };

const MODELS: Record<string, ModelSpec> = {
  "gpt-image-1": { sizes: ["1024x1024", "1536x1024", "1024x1536", "auto"], maxN: 10, revisesPrompt: false, defaultB64: true, edits: true },
  "gpt-image-1-mini": { sizes: ["1024x1024", "1536x1024", "1024x1536", "auto"], maxN: 10, revisesPrompt: false, defaultB64: true, edits: true },
  "dall-e-3": { sizes: ["1024x1024", "1792x1024", "1024x1792"], maxN: 1, revisesPrompt: true, defaultB64: false, edits: false },
  "dall-e-2": { sizes: ["256x256", "512x512", "1024x1024"], maxN: 10, revisesPrompt: false, defaultB64: false, edits: true },
};

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
function apiFailure(status: number, type: string, message: string, code: string | null = null, param: string | null = null, headers: Record<string, string> = {}): HttpFailure {
  return new HttpFailure(status, { error: { message, type, param, code } }, { "x-request-id": requestId(), ...headers });
}

const requestId = () => `req_${randomUUID().replace(/-/g, "")}`;

/** The protocol only; logging, hosting files, faults, latency and /__control come from provider-fake. */
export const openAIImagesProtocol: Protocol = {
  basePath: "/v1",
  checkAuth,
  fault: faultError,
  async handle(ctx) {
    if (ctx.path === "/v1/images/edits" && ctx.method === "POST") return { json: await edit({ body: ctx.body, host: ctx.host }), headers: { "x-request-id": requestId() } };
    if (ctx.path !== "/v1/images/generations") throw apiFailure(404, "invalid_request_error", `Invalid URL (${ctx.method} ${ctx.path})`);
    if (ctx.method !== "POST") throw apiFailure(405, "invalid_request_error", `Invalid method for URL (${ctx.method} ${ctx.path})`);
    if (typeof ctx.body === "string") {
      throw apiFailure(400, "invalid_request_error", "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");
    }
    return { json: await generate({ body: ctx.body, host: ctx.host }), headers: { "x-request-id": requestId() } };
  },
};

export function startOpenAIImagesFake(options: OpenAIImagesFakeOptions = {}): Promise<OpenAIImagesFake> {
  return startProviderFake({ protocol: openAIImagesProtocol, apiKey: options.apiKey ?? "sk-test-openai", port: options.port, host: options.host });
}

function checkAuth(headers: Record<string, string>, key: string): HttpFailure | undefined {
  const header = headers.authorization;
  if (!header) {
    return apiFailure(401, "invalid_request_error", "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
  }
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
  if (given !== key) {
    const hint = given.length > 8 ? `${given.slice(0, 3)}*****${given.slice(-4)}` : "*****";
    return apiFailure(401, "invalid_request_error", `Incorrect API key provided: ${hint}. You can find your API key at https://platform.openai.com/account/api-keys.`, "invalid_api_key");
  }
}

function faultError(status: number): HttpFailure {
  if (status === 401) return apiFailure(401, "invalid_request_error", "Incorrect API key provided: sk-*****0000. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key");
  if (status === 429) {
    return apiFailure(429, "requests", "Rate limit reached for images per minute. Please try again in 1s.", "rate_limit_exceeded", null, {
      "retry-after": "1",
      "retry-after-ms": "50",
      "x-ratelimit-limit-requests": "5",
      "x-ratelimit-remaining-requests": "0",
    });
  }
  if (status === 400) return apiFailure(400, "image_generation_user_error", "Your request was rejected as a result of our safety system.", "content_policy_violation");
  if (status >= 500) return apiFailure(status, "server_error", "The server had an error while processing your request. Sorry about that!");
  return apiFailure(status, "invalid_request_error", `Request failed with status ${status}.`);
}

type Generation = { model: string; spec: ModelSpec; prompt: string; n: number; size: string; b64: boolean };

function validate(body: unknown): Generation {
  if (!isRecord(body)) throw apiFailure(400, "invalid_request_error", "We could not parse the JSON body of your request.");
  const prompt = body.prompt;
  if (typeof prompt !== "string" || prompt.length === 0) throw apiFailure(400, "invalid_request_error", "Missing required parameter: 'prompt'.", "missing_required_parameter", "prompt");
  const model = typeof body.model === "string" ? body.model : "dall-e-2";
  const spec = MODELS[model];
  if (!spec) throw apiFailure(404, "invalid_request_error", `The model '${model}' does not exist or you do not have access to it.`, "model_not_found");
  const n = body.n ?? 1;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw apiFailure(400, "invalid_request_error", `Invalid value for 'n': expected an integer of at least 1.`, "invalid_value", "n");
  if (n > spec.maxN) {
    const message = spec.maxN === 1 ? "You must provide n=1 for this model." : `Invalid 'n': integer above maximum value. Expected a value <= ${spec.maxN}, but got ${n} instead.`;
    throw apiFailure(400, "invalid_request_error", message, spec.maxN === 1 ? null : "integer_above_max_value", "n");
  }
  const size = typeof body.size === "string" ? body.size : spec.sizes[0]!;
  if (!spec.sizes.includes(size)) {
    const list = spec.sizes.map((s) => `'${s}'`).join(", ");
    throw apiFailure(400, "invalid_request_error", `Invalid value: '${size}'. Supported values are: ${list}.`, "invalid_value", "size");
  }
  if (body.response_format !== undefined && model.startsWith("gpt-image")) {
    throw apiFailure(400, "invalid_request_error", "Unknown parameter: 'response_format'.", "unknown_parameter", "response_format");
  }
  if (prompt.length > 32_000) throw apiFailure(400, "invalid_request_error", "Invalid 'prompt': string too long.", "string_above_max_length", "prompt");
  return { model, spec, prompt, n, size: size === "auto" ? "1024x1024" : size, b64: spec.defaultB64 || body.response_format === "b64_json" };
}

const EDIT_TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_EDIT_IMAGES = 16;
const MAX_MASK_BYTES = 4 * 1024 * 1024;

/** The edit endpoint's own checks: multipart only, one or more images of an accepted type, a model that edits. */
function editImages(body: unknown): UploadedFile[] {
  if (!isRecord(body)) throw apiFailure(400, "invalid_request_error", "Invalid Content-Type header (application/json), expected multipart/form-data.");
  const given = body.image ?? body["image[]"];
  const images = (Array.isArray(given) ? given : given === undefined ? [] : [given]) as unknown[];
  if (images.length === 0) throw apiFailure(400, "invalid_request_error", "Missing required parameter: 'image'.", "missing_required_parameter", "image");
  if (images.length > MAX_EDIT_IMAGES) throw apiFailure(400, "invalid_request_error", `Invalid 'image': array too long. Expected an array with maximum length ${MAX_EDIT_IMAGES}, but got an array with length ${images.length} instead.`, "array_above_max_length", "image");
  if (body.image !== undefined && body["image[]"] !== undefined) throw apiFailure(400, "invalid_request_error", "Send either 'image' or 'image[]', not both.", "invalid_value", "image");
  return images.map((image) => {
    if (!isRecord(image) || !Buffer.isBuffer(image.bytes)) throw apiFailure(400, "invalid_request_error", "Invalid type for 'image': expected a file, but got a string instead.", "invalid_type", "image");
    const file = image as UploadedFile;
    if (!EDIT_TYPES.includes(file.type)) throw apiFailure(400, "invalid_request_error", `Invalid file 'image': unsupported mimetype ('${file.type}'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.`, "unsupported_file_mimetype", "image");
    return file;
  });
}

/** Form fields arrive as strings; `n` is read back as the number it stands for. */
function formFields(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, n: typeof body.n === "string" ? Number(body.n) : body.n };
}

/**
 * The mask, as the API checks it: a PNG file with an alpha channel, under 4 MB, the size of the
 * first image. Returns which pixels to edit (the fully transparent ones).
 */
async function editMask(value: unknown, image: { width: number; height: number }): Promise<Uint8Array | undefined> {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !Buffer.isBuffer(value.bytes)) throw apiFailure(400, "invalid_request_error", "Invalid type for 'mask': expected a file, but got a string instead.", "invalid_type", "mask");
  const file = value as UploadedFile;
  if (file.type !== "image/png") throw apiFailure(400, "invalid_request_error", `Invalid file 'mask': unsupported mimetype ('${file.type}'). The mask must be a PNG.`, "unsupported_file_mimetype", "mask");
  if (file.size > MAX_MASK_BYTES) throw apiFailure(400, "invalid_request_error", "Invalid file 'mask': the mask must be less than 4 MB.", "file_too_large", "mask");
  const mask = await decodeImage(file.bytes);
  if (!mask) throw apiFailure(400, "invalid_request_error", "Invalid file 'mask': the file could not be read as an image.", "invalid_image", "mask");
  if (!mask.hasAlpha) throw apiFailure(400, "invalid_request_error", "Invalid mask: the mask must have an alpha channel; its fully transparent areas are the ones to edit.", "invalid_image_format", "mask");
  if (mask.width !== image.width || mask.height !== image.height) {
    throw apiFailure(400, "invalid_request_error", `Invalid mask: the mask (${mask.width}x${mask.height}) must have the same dimensions as the image (${image.width}x${image.height}).`, "invalid_image_dimensions", "mask");
  }
  return maskedPixels(mask, "transparent");
}

async function edit(input: { body: unknown; host: (bytes: Buffer, extension: "png") => string }) {
  const images = editImages(input.body);
  const fields = input.body as Record<string, unknown>;
  const request = validate(formFields(fields));
  if (!request.spec.edits) throw apiFailure(400, "invalid_request_error", `Invalid value: '${request.model}'. Value must be 'dall-e-2', 'gpt-image-1' or 'gpt-image-1-mini'.`, "invalid_value", "model");
  const first = await decodeImage(images[0]!.bytes);
  if (!first) throw apiFailure(400, "invalid_request_error", "Invalid file 'image': the file could not be read as an image.", "invalid_image", "image");
  const region = await editMask(fields.mask, first);
  // The answer depends on every input image and on the mask, so a test can tell an edit from a plain render.
  const inputs = images.map((image) => createHash("sha256").update(image.bytes).digest("hex").slice(0, 12)).join(",");
  const [width, height] = request.size.split("x").map(Number) as [number, number];
  const draw = () => fakeEdit({ image: first, edit: region, key: `${request.prompt}|${inputs}`, size: { width, height } });
  return respond({ request, colourKey: `${request.prompt}|${inputs}`, host: input.host, draw });
}

async function generate(input: { body: unknown; host: (bytes: Buffer, extension: "png") => string }) {
  const request = validate(input.body);
  return respond({ request, colourKey: request.prompt, host: input.host });
}

async function respond(input: { request: Generation; colourKey: string; host: (bytes: Buffer, extension: "png") => string; draw?: () => Promise<Buffer> }) {
  const { request } = input;
  const [width, height] = request.size.split("x").map(Number) as [number, number];
  const pngs = await Promise.all(Array.from({ length: request.n }, (_, index) => input.draw?.() ?? flatImage({ prompt: input.colourKey, index, width, height })));
  const data = pngs.map((png) => {
    const revised = request.spec.revisesPrompt ? { revised_prompt: `A detailed illustration: ${request.prompt}` } : {};
    if (request.b64) return { b64_json: png.toString("base64"), ...revised };
    return { url: input.host(png, "png"), ...revised };
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

/* ---------- standalone ---------- */

const invokedDirectly = typeof process !== "undefined" && /support[\\/]fakes[\\/]openai-images\.ts$/.test(process.argv[1] ?? "");

if (invokedDirectly) {
  // No top-level await: tsx may load this file as CommonJS.
  void startOpenAIImagesFake({ port: Number(argValue("--port") ?? 4011), apiKey: argValue("--key"), host: argValue("--host") }).then((fake) => {
    console.log(`OpenAI images fake listening on ${fake.url}`);
    const stop = () => void fake.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
