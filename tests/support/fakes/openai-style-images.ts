/**
 * The OpenAI-style `POST /images/generations` used by xAI, Together and OpenAI-compatible
 * gateways. Each differs in a few fields (xAI: `aspect_ratio`; Together: `width`/`height`,
 * `response_format: "base64"`; gateways: `size`), so each gets its own protocol built here.
 */
import { HttpFailure, flatImage, isRecord, sizeForRatio, startProviderFake, type Protocol, type ProviderFake, type RouteContext } from "./provider-fake";

type Spec = {
  basePath: string;
  models?: string[];
  maxN: number;
  /** Reads width and height from the body, or throws the provider's 400. */
  shape(body: Record<string, unknown>): { width: number; height: number };
  responseFormats: string[];
  /** The provider's error body for a message. */
  error(status: number, message: string, code?: string): HttpFailure;
  revisedPrompt?: (prompt: string) => string;
};

export function openAIStyleProtocol(spec: Spec): Protocol {
  return {
    basePath: spec.basePath,
    checkAuth(headers, apiKey) {
      const given = /^Bearer\s+(.+)$/.exec(headers.authorization ?? "")?.[1];
      if (given !== apiKey) return spec.error(401, `Incorrect API key provided: ${given ? `${given.slice(0, 3)}***` : "none"}.`, "invalid_api_key");
    },
    fault: (status) => spec.error(status, status === 429 ? "Rate limit exceeded." : "The server had an error while processing your request.", status === 429 ? "rate_limit_exceeded" : "server_error"),
    handle: (ctx) => generate(spec, ctx),
  };
}

async function generate(spec: Spec, ctx: RouteContext) {
  if (ctx.method !== "POST" || ctx.path !== `${spec.basePath}/images/generations`) throw spec.error(404, `Invalid URL (${ctx.method} ${ctx.path})`);
  const body = isRecord(ctx.body) ? ctx.body : {};
  if (typeof body.prompt !== "string" || !body.prompt) throw spec.error(400, "Missing required parameter: 'prompt'.", "missing_required_parameter");
  if (typeof body.model !== "string" || (spec.models && !spec.models.includes(body.model))) throw spec.error(404, `The model '${String(body.model)}' does not exist.`, "model_not_found");
  const n = (body.n as number | undefined) ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > spec.maxN) throw spec.error(400, `Invalid 'n': expected an integer between 1 and ${spec.maxN}, got ${n}.`, "invalid_value");
  if (body.response_format !== undefined && !spec.responseFormats.includes(body.response_format as string)) throw spec.error(400, `Invalid 'response_format': ${String(body.response_format)}.`, "invalid_value");
  const { width, height } = spec.shape(body);
  const seed = (body.seed as number | undefined) ?? 0;
  const pngs = await Promise.all(Array.from({ length: n }, (_, i) => flatImage({ prompt: body.prompt as string, index: seed + i, width, height })));
  const data = pngs.map((png, index) => ({
    index,
    ...(body.response_format === undefined || body.response_format === "url" ? { url: ctx.host(png, "png") } : { b64_json: png.toString("base64") }),
    ...(spec.revisedPrompt ? { revised_prompt: spec.revisedPrompt(body.prompt as string) } : {}),
  }));
  return { json: { created: Math.floor(Date.now() / 1000), data } };
}

/** xAI (https://api.x.ai/v1): `aspect_ratio`, up to 10 images, a revised prompt per image, errors as `{ code, error }`. */
export const xaiProtocol = openAIStyleProtocol({
  basePath: "/v1",
  models: ["grok-imagine-image", "grok-imagine-image-quality", "grok-2-image-1212"],
  maxN: 10,
  responseFormats: ["url", "b64_json"],
  shape(body) {
    const ratio = (body.aspect_ratio as string | undefined) ?? "1:1";
    if (!["1:1", "3:4", "4:3", "9:16", "16:9", "2:3", "3:2", "9:19.5", "19.5:9", "9:20", "20:9", "1:2", "2:1", "auto"].includes(ratio)) throw new HttpFailure(400, { code: "Client specified an invalid argument", error: `Invalid aspect_ratio: ${ratio}` });
    return sizeForRatio(ratio === "auto" ? "1:1" : ratio);
  },
  error: (status, message) => new HttpFailure(status, { code: status === 401 ? "Unauthenticated" : status === 404 ? "Not found" : "Client specified an invalid argument", error: message }),
  revisedPrompt: (prompt) => `A high-resolution image of ${prompt}`,
});

/** Together (https://api.together.xyz/v1): `width`/`height` on a 16 px grid, `response_format: "base64"`, OpenAI-style error bodies. */
export const togetherProtocol = openAIStyleProtocol({
  basePath: "/v1",
  models: ["black-forest-labs/FLUX.1-schnell", "black-forest-labs/FLUX.1.1-pro", "black-forest-labs/FLUX.1-dev"],
  maxN: 4,
  responseFormats: ["url", "base64"],
  shape(body) {
    const width = (body.width as number | undefined) ?? 1024;
    const height = (body.height as number | undefined) ?? 768;
    if (width % 16 || height % 16 || width < 64 || height < 64 || width > 1792 || height > 1792) {
      throw new HttpFailure(400, { error: { message: "width and height must be multiples of 16 between 64 and 1792", type: "invalid_request_error", param: "width", code: null } });
    }
    return { width, height };
  },
  error: (status, message, code) => new HttpFailure(status, { error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", param: null, code: code ?? null } }),
});

/** An OpenAI-compatible gateway: any model, OpenAI `size` strings, `b64_json` or URLs, OpenAI error bodies. */
export const gatewayProtocol = (sizes: string[] = ["1024x1024", "1536x1024", "1024x1536"]) =>
  openAIStyleProtocol({
    basePath: "/v1",
    maxN: 10,
    responseFormats: ["url", "b64_json"],
    shape(body) {
      const size = (body.size as string | undefined) ?? sizes[0]!;
      if (!sizes.includes(size)) throw new HttpFailure(400, { error: { message: `Invalid value: '${size}'. Supported values are: ${sizes.join(", ")}.`, type: "invalid_request_error", param: "size", code: "invalid_value" } });
      const [width, height] = size.split("x").map(Number) as [number, number];
      return { width, height };
    },
    error: (status, message, code) => new HttpFailure(status, { error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", param: null, code: code ?? null } }),
  });

export const startXaiFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: xaiProtocol, ...options });
export const startTogetherFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: togetherProtocol, ...options });
export const startGatewayFake = (options: { apiKey: string; port?: number; sizes?: string[] }): Promise<ProviderFake> => startProviderFake({ protocol: gatewayProtocol(options.sizes), apiKey: options.apiKey, port: options.port });
