/**
 * A local, protocol-faithful fake of the Anthropic Messages API (`POST /v1/messages`), for
 * tests and demos without a key. It checks what the real API checks (auth, version header,
 * required fields, parameters API version 2026-10-21 rejects, image limits, the JSON-schema
 * subset of structured output), answers with the real JSON and SSE shapes, and lets a test
 * script faults and latency — in-process or over HTTP (`/__control`) from another process.
 * Prompt caching and token counting (`/v1/messages/count_tokens`) are in anthropic-cache.ts,
 * thinking in anthropic-thinking.ts, the exploration answers in anthropic-explore.ts.
 *
 * Standalone: npx tsx tests/support/fakes/anthropic.ts --port 4010 --key sk-ant-test
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { fakeEditParts, type EditParts } from "./anthropic-edit";
import { fakeVideoCritique, fakeVideoDescription, imageCountProblem, readFrames, videoKindOf, type VideoKind } from "./anthropic-video";
import { readLines, stopReading } from "./read-text";
import { cacheControlProblem, countTokens, createPromptCache, type PromptCache } from "./anthropic-cache";
import { exploreAnswer, exploreKindOf, type ExploreKind } from "./anthropic-explore";
import { thinkingBlock, thinkingOf, thinkingProblem, type Thinking } from "./anthropic-thinking";
import { createChaos, hangUntilClosed, resetConnection, type Chaos, type ChaosOptions, type FaultMode } from "./chaos";

export type RequestKind = "refine" | "critique" | "describe" | "revise" | "read" | VideoKind | ExploreKind;

export type FailNextOptions = {
  /** The API error's HTTP status; not used by the `hang` and `reset` modes. */
  status?: number;
  /** `error` (default): the API's error body; `hang`: never answer; `reset`: destroy the connection (mid-stream for a streamed request). */
  mode?: FaultMode;
  /** How many matching requests fail; default 1. */
  count?: number;
  /** Seconds, sent as `retry-after` (429 and 529). */
  retryAfter?: number;
  /** Only requests of this kind fail: refine = streamed text, describe = an image and the description schema, critique = an image and another schema, read = an image and free text (Describe's summary and follow-ups), revise = the rest. */
  kind?: RequestKind;
  /** Fail inside an already-started SSE stream (an `error` event), as the real API does under load. */
  midStream?: boolean;
};

export type LatencyOptions = { firstTokenMs?: number; perTokenMs?: number };

/**
 * The next matching requests answer this text verbatim, as a gateway that ignores
 * `output_config` might: for the client's handling of answers that break their schema.
 */
export type AnswerNextOptions = {
  text: string;
  kind?: RequestKind;
  count?: number;
  /** The answer's stop_reason; "refusal" is how the real API declines (the text is then the model's short explanation). */
  stopReason?: "end_turn" | "refusal";
};

export type LoggedRequest = {
  at: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  kind: RequestKind | null;
  status: number;
};

export type AnthropicFake = {
  /** Base URL; the SDK appends /v1/messages. */
  url: string;
  close(): Promise<void>;
  failNext(options: FailNextOptions): void;
  answerNext(options: AnswerNextOptions): void;
  setLatency(options: LatencyOptions): void;
  /** Seeded random faults on every request no scripted fault took; null turns them off. */
  setChaos(options: ChaosOptions | null): void;
  /** Moves the fake's clock on (cache entries expire by it); reset() puts it back. */
  advanceClock(ms: number): void;
  /** Live prompt-cache entries. */
  cacheEntries(): number;
  reset(): void;
  requests: LoggedRequest[];
};

export type AnthropicFakeOptions = {
  port?: number;
  host?: string;
  apiKey?: string;
  /**
   * Overrides the per-model minimum cacheable prefix (lib/understanding/caching/minimums.ts: 512
   * for Sonnet 5.5, 4,096 for Haiku 5.5, …) for tests that cache short prompts; tokens are estimated.
   */
  minCacheableTokens?: number;
};

type Fault = Omit<FailNextOptions, "mode"> & { mode: FaultMode; status: number; remaining: number };

type Block = Record<string, unknown> & { type?: unknown };
type MessagesBody = {
  model: string;
  max_tokens: number;
  messages: Array<{ role: string; content: string | Block[] }>;
  system?: string | Block[];
  stream?: boolean;
  output_config?: { format?: { type?: string; schema?: unknown } };
  tools?: Array<{ name?: string; input_schema?: unknown }>;
  tool_choice?: { type?: string; name?: string };
  thinking?: unknown;
};

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const errorTypes: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const errorMessages: Record<string, string> = {
  overloaded_error: "Overloaded",
  rate_limit_error: "This request would exceed your organization's rate limit. Please try again later.",
  api_error: "Internal server error",
  timeout_error: "Request timed out",
  authentication_error: "invalid x-api-key",
  permission_error: "Your API key does not have permission to use the specified resource.",
};

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_IMAGE_EDGE = 8000;
const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

export async function startAnthropicFake(options: AnthropicFakeOptions = {}): Promise<AnthropicFake> {
  let clockOffset = 0;
  const state = {
    apiKey: options.apiKey ?? "sk-ant-test",
    faults: [] as Fault[],
    scripted: [] as Scripted[],
    latency: { firstTokenMs: 0, perTokenMs: 0 },
    cache: createPromptCache({ minCacheable: options.minCacheableTokens, clock: () => Date.now() + clockOffset }),
    requests: [] as LoggedRequest[],
    chaos: null as Chaos | null,
  };

  const failNext = (fault: FailNextOptions) => {
    const mode = fault.mode ?? "error";
    const status = fault.status ?? 0;
    if (mode === "error" && (!Number.isInteger(status) || status < 400)) throw new Error(`failNext needs an error status, got ${fault.status}`);
    state.faults.push({ ...fault, mode, status, remaining: fault.count ?? 1 });
  };
  const setChaos = (chaos: ChaosOptions | null) => {
    state.chaos = chaos ? createChaos(chaos) : null;
  };
  const answerNext = (answer: AnswerNextOptions) => {
    if (typeof answer.text !== "string") throw new Error("answerNext needs a text");
    state.scripted.push({ ...answer, remaining: answer.count ?? 1 });
  };
  const setLatency = (latency: LatencyOptions) => {
    state.latency = { firstTokenMs: latency.firstTokenMs ?? 0, perTokenMs: latency.perTokenMs ?? 0 };
  };
  const reset = () => {
    state.faults.length = 0;
    state.scripted.length = 0;
    state.latency = { firstTokenMs: 0, perTokenMs: 0 };
    state.cache.clear();
    clockOffset = 0;
    state.requests.length = 0;
    state.chaos = null;
  };

  const server = createServer((req, res) => {
    handle({ req, res, state, failNext, answerNext, setLatency, setChaos, reset }).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, new ApiFailure(500, "api_error", error instanceof Error ? error.message : "Internal server error"));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        void stopReading();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    failNext,
    answerNext,
    setLatency,
    setChaos,
    advanceClock: (ms: number) => {
      clockOffset += ms;
    },
    cacheEntries: () => state.cache.size(),
    reset,
    requests: state.requests,
  };
}

type Scripted = AnswerNextOptions & { remaining: number };

type State = {
  apiKey: string;
  faults: Fault[];
  scripted: Scripted[];
  latency: Required<LatencyOptions>;
  cache: PromptCache;
  requests: LoggedRequest[];
  chaos: Chaos | null;
};

type Context = {
  req: IncomingMessage;
  res: ServerResponse;
  state: State;
  failNext(fault: FailNextOptions): void;
  answerNext(answer: AnswerNextOptions): void;
  setLatency(latency: LatencyOptions): void;
  setChaos(chaos: ChaosOptions | null): void;
  reset(): void;
};

async function handle(ctx: Context) {
  const { req, res } = ctx;
  const path = new URL(req.url ?? "/", "http://fake").pathname;
  if (path === "/__control") return control(ctx);
  const entry: LoggedRequest = { at: new Date().toISOString(), method: req.method ?? "", path, headers: flatHeaders(req), body: null, kind: null, status: 200 };
  ctx.state.requests.push(entry);
  try {
    if (path !== "/v1/messages" && path !== "/v1/messages/count_tokens") throw new ApiFailure(404, "not_found_error", `Not found: ${req.method} ${path}`);
    if (req.method !== "POST") throw new ApiFailure(405, "invalid_request_error", `Method ${req.method} not allowed`);
    const raw = await readBody(req);
    checkAuth(req, ctx.state.apiKey);
    if (!req.headers["anthropic-version"]) throw new ApiFailure(400, "invalid_request_error", "anthropic-version: header is required");
    const body = parseJson(raw);
    entry.body = body;
    if (path === "/v1/messages/count_tokens") return await countTokensAnswer({ ctx, body });
    const request = validate(body);
    const images = await validateImages(request);
    const tooMany = imageCountProblem(images);
    if (tooMany) throw new ApiFailure(400, "invalid_request_error", tooMany);
    // A clip comes as labelled frames (anthropic-video.ts): anything else is refused here.
    const video = videoKindOf(request);
    const frames = video ? readFrames(request) : undefined;
    if (frames && "problem" in frames) throw new ApiFailure(400, "invalid_request_error", frames.problem);
    // An edit or moodboard critique: labelled images, answered from their pixels (anthropic-edit.ts).
    const edit = video ? undefined : await fakeEditParts(request);
    if (edit && "problem" in edit) throw new ApiFailure(400, "invalid_request_error", `messages: ${edit.problem}`);
    entry.kind = video ?? exploreKindOf(request) ?? kindOf(request, images.length > 0);
    const fault = takeFor(ctx.state.faults, entry.kind) ?? chaosFault(ctx.state);
    if (fault?.mode === "hang") {
      entry.status = 0;
      return await hangUntilClosed(res);
    }
    // A reset before any byte of the answer; a streamed answer is reset halfway through instead.
    if (fault?.mode === "reset" && !request.stream) {
      entry.status = 0;
      return resetConnection(req);
    }
    if (fault?.mode === "error" && !(fault.midStream && request.stream)) throw faultError(fault);
    const scripted = takeFor(ctx.state.scripted, entry.kind);
    const videoAnswer = frames && "frames" in frames ? (video === "video-critique" ? fakeVideoCritique({ text: userText(request), frames: frames.frames, images }) : fakeVideoDescription({ text: userText(request), frames: frames.frames })) : undefined;
    const explore = exploreKindOf(request);
    const answer: Answer =
      scripted !== undefined
        ? { kind: "text", text: scripted.text, stop: scripted.stopReason }
        : videoAnswer
          ? { kind: "text", text: JSON.stringify(videoAnswer) }
          : explore
            ? { kind: "text", text: JSON.stringify(exploreAnswer({ kind: explore, request, images })) }
            : await answerFor({ request, images, kind: entry.kind, edit: edit?.parts });
    const usage = ctx.state.cache.usageFor({ request, images });
    const thinking = thinkingOf(request as unknown as Record<string, unknown>);
    const thought = thinking ? { thinking, block: thinkingBlock({ thinking, userText: userText(request) }) } : undefined;
    if (request.stream) await streamAnswer({ ctx, request, answer, usage, fault, thought });
    else await jsonAnswer({ ctx, request, answer, usage, thought });
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    entry.status = error.status;
    sendError(res, error);
  }
}

/* ---------- control ---------- */

async function control({ req, res, state, failNext, answerNext, setLatency, setChaos, reset }: Context) {
  if (req.method === "GET") {
    const summary = state.requests.map(({ at, path, kind, status, body }) => ({
      at,
      path,
      kind,
      status,
      model: isRecord(body) ? body.model : undefined,
      stream: isRecord(body) ? body.stream === true : false,
    }));
    return sendJson(res, 200, { requests: summary, pendingFaults: state.faults, latency: state.latency });
  }
  try {
    const body = parseJson(await readBody(req));
    if (!isRecord(body)) throw new ApiFailure(400, "invalid_request_error", "Control body must be an object");
    if (body.reset === true) reset();
    if (body.failNext !== undefined) failNext(body.failNext as FailNextOptions);
    if (body.answerNext !== undefined) answerNext(body.answerNext as AnswerNextOptions);
    if (body.latency !== undefined) setLatency(body.latency as LatencyOptions);
    if (body.chaos !== undefined) setChaos(body.chaos as ChaosOptions | null);
    sendJson(res, 200, { ok: true, pendingFaults: state.faults, latency: state.latency });
  } catch (error) {
    sendError(res, error instanceof ApiFailure ? error : new ApiFailure(400, "invalid_request_error", (error as Error).message));
  }
}

/* ---------- checks ---------- */

function checkAuth(req: IncomingMessage, key: string) {
  const header = req.headers["x-api-key"];
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  const given = (Array.isArray(header) ? header[0] : header) ?? bearer;
  if (!given) throw new ApiFailure(401, "authentication_error", "x-api-key header is required");
  if (given !== key) throw new ApiFailure(401, "authentication_error", "invalid x-api-key");
}

function validate(body: unknown): MessagesBody {
  const bad = (message: string) => new ApiFailure(400, "invalid_request_error", message);
  if (!isRecord(body)) throw bad("Request body must be a JSON object");
  for (const param of ["temperature", "top_p", "top_k"]) {
    if (param in body) throw bad(`${param}: Extra inputs are not permitted. Sampling parameters are not supported on API version 2026-10-21.`);
  }
  if (typeof body.model !== "string" || !body.model) throw bad("model: Field required");
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) throw bad("max_tokens: Field required and must be a positive integer");
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw bad("messages: Field required and must contain at least one message");
  body.messages.forEach((message: unknown, i: number) => {
    if (!isRecord(message) || (message.role !== "user" && message.role !== "assistant")) throw bad(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (typeof message.content !== "string" && !Array.isArray(message.content)) throw bad(`messages.${i}.content: Field required`);
  });
  if (isRecord(body.messages[0]) && body.messages[0].role !== "user") throw bad("messages: first message must use the \"user\" role");
  if (body.output_config !== undefined) validateOutputConfig(body.output_config);
  const caching = cacheControlProblem(body as unknown as MessagesBody);
  if (caching) throw bad(caching);
  const thinking = thinkingProblem(body);
  if (thinking) throw bad(thinking);
  if (isRecord(body.tool_choice) && body.tool_choice.type === "tool") {
    const tools = Array.isArray(body.tools) ? body.tools : [];
    if (!tools.some((t: unknown) => isRecord(t) && t.name === (body.tool_choice as Block).name)) {
      throw bad(`tool_choice: tool '${String((body.tool_choice as Block).name)}' not found in tools`);
    }
  }
  return body as MessagesBody;
}

function validateOutputConfig(config: unknown) {
  if (!isRecord(config)) throw new ApiFailure(400, "invalid_request_error", "output_config: Input should be an object");
  const format = config.format;
  if (format === undefined || format === null) return;
  if (!isRecord(format) || format.type !== "json_schema" || !isRecord(format.schema)) {
    throw new ApiFailure(400, "invalid_request_error", "output_config.format: expected {type: 'json_schema', schema: {...}}");
  }
  const problem = unsupportedSchemaKeyword(format.schema, "schema");
  if (problem) throw new ApiFailure(400, "invalid_request_error", `output_config.format.schema: ${problem}`);
}

/** The structured-output subset of JSON Schema the real API accepts. */
function unsupportedSchemaKeyword(schema: unknown, path: string): string | null {
  if (Array.isArray(schema)) {
    for (const [i, item] of schema.entries()) {
      const problem = unsupportedSchemaKeyword(item, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (!isRecord(schema)) return null;
  for (const keyword of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "maxItems", "uniqueItems"]) {
    if (keyword in schema) return `${path}: '${keyword}' is not supported`;
  }
  if (typeof schema.minItems === "number" && schema.minItems > 1) return `${path}: 'minItems' values other than 0 or 1 are not supported`;
  if (schema.type === "object" && schema.additionalProperties !== false) return `${path}: objects must set 'additionalProperties' to false`;
  for (const [key, value] of Object.entries(schema)) {
    if (key === "enum" || key === "const" || key === "required" || key === "description") continue;
    const problem = unsupportedSchemaKeyword(value, `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

type ImageInfo = { width: number; height: number; brightness: number; contrast: number; mean: number[]; bytes: number; data: Buffer };

async function validateImages(request: MessagesBody): Promise<ImageInfo[]> {
  const images: ImageInfo[] = [];
  for (const [i, message] of request.messages.entries()) {
    if (typeof message.content === "string") continue;
    for (const [j, block] of message.content.entries()) {
      if (!isRecord(block) || block.type !== "image") continue;
      images.push(await checkImage(block, `messages.${i}.content.${j}.image.source`));
    }
  }
  return images;
}

async function checkImage(block: Block, path: string): Promise<ImageInfo> {
  const bad = (message: string) => new ApiFailure(400, "invalid_request_error", `${path}: ${message}`);
  const source = block.source;
  if (!isRecord(source) || source.type !== "base64") throw bad("only base64 sources are supported by this fake");
  if (typeof source.media_type !== "string" || !IMAGE_TYPES.has(source.media_type)) {
    throw bad(`Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
  }
  const bytes = Buffer.from(typeof source.data === "string" ? source.data : "", "base64");
  if (bytes.byteLength === 0) throw bad("image data is empty");
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw bad(`image exceeds 5 MB maximum: ${bytes.byteLength} bytes > ${MAX_IMAGE_BYTES} bytes`);
  const decoded = await Promise.all([sharp(bytes).metadata(), sharp(bytes).stats()]).catch(() => {
    throw bad("Could not process image");
  });
  const [meta, stats] = decoded;
  if (`image/${meta.format}` !== source.media_type) throw bad(`Image does not match the provided media type ${source.media_type}`);
  if (meta.width > MAX_IMAGE_EDGE || meta.height > MAX_IMAGE_EDGE) throw bad(`image dimensions exceed max allowed size: ${MAX_IMAGE_EDGE} pixels`);
  const colour = stats.channels.slice(0, 3);
  const brightness = colour.reduce((sum, c) => sum + c.mean, 0) / colour.length / 255;
  const contrast = colour.reduce((sum, c) => sum + c.stdev, 0) / colour.length / 255;
  return { width: meta.width, height: meta.height, brightness, contrast, mean: colour.map((c) => c.mean), bytes: bytes.byteLength, data: bytes };
}

/** A describe request asks for the reference description's shape (subject, palette…) rather than a critique's. */
function wantsDescription(request: MessagesBody): boolean {
  const schema = request.output_config?.format?.schema;
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  return "subject" in properties && "palette" in properties;
}

function kindOf(request: MessagesBody, hasImage: boolean): RequestKind {
  const structured = request.output_config?.format !== undefined || request.tool_choice?.type === "tool";
  if (hasImage && !structured) return "read";
  if (hasImage) return wantsDescription(request) ? "describe" : "critique";
  return request.stream ? "refine" : "revise";
}

/** The first scripted entry (a fault, or an answer) for this kind of request, used up by one. */
function takeFor<T extends { kind?: RequestKind; remaining: number }>(list: T[], kind: RequestKind): T | undefined {
  const index = list.findIndex((f) => !f.kind || f.kind === kind);
  if (index < 0) return undefined;
  const entry = list[index]!;
  entry.remaining -= 1;
  if (entry.remaining <= 0) list.splice(index, 1);
  return entry;
}

/** A fault drawn by chaos is a one-off; mid-stream for streamed requests, where the real API fails that way too. */
function chaosFault(state: State): Fault | undefined {
  const draw = state.chaos?.draw();
  if (!draw) return undefined;
  if (draw.mode !== "error") return { mode: draw.mode, status: 0, remaining: 1 };
  return { mode: "error", status: draw.status, retryAfter: draw.retryAfter, remaining: 1 };
}

function faultError(fault: Fault): ApiFailure {
  const type = errorTypes[fault.status] ?? (fault.status >= 500 ? "api_error" : "invalid_request_error");
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  if (fault.status === 429) {
    headers["anthropic-ratelimit-requests-remaining"] = "0";
    headers["retry-after"] ??= "1";
  }
  return new ApiFailure(fault.status, type, errorMessages[type] ?? "Injected failure", headers);
}

/* ---------- answers ---------- */

type Answer = { kind: "text"; text: string; stop?: string } | { kind: "tool"; name: string; input: unknown };

async function answerFor({ request, images, kind, edit }: { request: MessagesBody; images: ImageInfo[]; kind: RequestKind; edit?: EditParts }): Promise<Answer> {
  const text = userText(request);
  const forcedTool = request.tool_choice?.type === "tool" ? request.tool_choice.name : undefined;
  const structured = request.output_config?.format?.type === "json_schema" || forcedTool !== undefined;
  if (kind === "describe") return { kind: "text", text: JSON.stringify(fakeDescription(images[0]!)) };
  if (kind === "read") return { kind: "text", text: await fakeReading({ text, image: images[0]! }) };
  if (structured) {
    // With an edit or a moodboard the render is the last image, after the labelled ones.
    const critique = { ...fakeCritique({ text, image: edit ? images.at(-1) : images[0] }), ...edit };
    return forcedTool ? { kind: "tool", name: forcedTool, input: critique } : { kind: "text", text: JSON.stringify(critique) };
  }
  if (kind === "revise" && /<prompt>/.test(text)) return { kind: "text", text: fakeRevision(text) };
  return { kind: "text", text: fakeRefinement(text) };
}

function userText(request: MessagesBody): string {
  const last = [...request.messages].reverse().find((m) => m.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  return last.content.map((b) => (isRecord(b) && b.type === "text" && typeof b.text === "string" ? b.text : "")).join("\n");
}

function tag(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>\\s*([\\s\\S]*?)\\s*</${name}>`).exec(text)?.[1];
}

const isChinese = (text: string) => /\p{Script=Han}/u.test(text);

function fakeRefinement(text: string): string {
  const draft = (tag(text, "draft") ?? text).replace(/\s+/g, " ").trim() || "an image";
  if (isChinese(draft)) return `${draft}，精致的平面设计风格，主体居中，柔和的侧光，和谐的有限色板，细节清晰`;
  return `${draft.replace(/[.!]+$/, "")}, refined graphic design style, centered composition with clear focal point, soft directional light, harmonious limited palette, crisp details`;
}

function fakeRevision(text: string): string {
  const prompt = (tag(text, "prompt") ?? "").trim();
  const fixes = tag(text, "accepted_fixes") ?? "";
  const additions = [...fixes.matchAll(/["“]([^"”]+)["”]/g)].map((m) => m[1]!.trim());
  const note = tag(text, "note")?.trim();
  return [prompt, ...additions, ...(note ? [note] : [])].filter(Boolean).join(", ");
}

/** A plausible critique that depends on the prompt and on the image actually sent. */
function fakeCritique({ text, image }: { text: string; image?: ImageInfo }) {
  const prompt = (tag(text, "prompt") ?? text).trim() || "the image";
  const seed = createHash("sha256").update(prompt).digest();
  const jitter = (i: number) => ((seed[i] ?? 0) / 255) * 1.2 - 0.6;
  const brightness = image?.brightness ?? 0.5;
  const issues: Array<{ id: string; aspect: string; severity: string; problem: string; fix: string; phrase: string }> = [];
  if (brightness < 0.3) {
    issues.push({ id: "underexposed", aspect: "colorLighting", severity: "high", problem: "Most of the frame sits in deep shadow; the subject is hard to read.", fix: 'Add "bright, airy lighting".', phrase: "bright, airy lighting" });
  } else if (brightness > 0.85) {
    issues.push({ id: "washed-out", aspect: "colorLighting", severity: "medium", problem: "Highlights are blown and the image looks washed out.", fix: 'Add "balanced exposure, deeper shadows".', phrase: "balanced exposure, deeper shadows" });
  }
  const headline = /["“]([^"”]{1,80})["”]/.exec(prompt)?.[1];
  if (headline) {
    issues.push({ id: "headline-small", aspect: "typography", severity: "medium", problem: `The headline "${headline}" is too small to read at thumbnail size.`, fix: 'Add "larger headline, high contrast text".', phrase: "larger headline, high contrast text" });
  }
  if (image && image.width !== image.height && /\b1:1\b|square/i.test(prompt)) {
    issues.push({ id: "not-square", aspect: "composition", severity: "medium", problem: `The image is ${image.width}×${image.height}, not the square the prompt asks for.`, fix: 'Add "square 1:1 composition".', phrase: "square 1:1 composition" });
  }
  issues.push({ id: "top-crowded", aspect: "composition", severity: "low", problem: "The top edge feels crowded; the subject has little room to breathe.", fix: 'Add "more empty space at the top".', phrase: "more empty space at the top" });
  const penalty = (aspect: string) => issues.filter((i) => i.aspect === aspect).reduce((sum, i) => sum + (i.severity === "high" ? 3 : i.severity === "medium" ? 1.5 : 0.5), 0);
  const score = (base: number, aspect: string, i: number) => Math.round(Math.min(10, Math.max(0, base - penalty(aspect) + jitter(i))) * 10) / 10;
  const aspects = {
    promptAdherence: score(8, "promptAdherence", 0),
    composition: score(8, "composition", 1),
    typography: score(headline ? 7.5 : 8.5, "typography", 2),
    colorLighting: score(8.2, "colorLighting", 3),
    artifacts: score(8.6, "artifacts", 4),
  };
  const mean = Object.values(aspects).reduce((a, b) => a + b, 0) / 5;
  return {
    overall: Math.round(mean * 10) / 10,
    aspects,
    summary: `A ${image ? `${image.width}×${image.height}` : ""} render that follows the prompt's main idea. ${issues[0]!.problem} Keep the overall direction.`.replace(/\s+/g, " "),
    strengths: ["The subject reads clearly at thumbnail size.", "The palette is coherent."],
    issues: issues.map(({ id, aspect, severity, problem, fix }) => ({ id, aspect, severity, problem, fix })),
    revisedPrompt: [prompt, ...issues.map((i) => i.phrase)].join(", "),
  };
}

/**
 * Describe's summary or a follow-up answer, from the image actually sent: its text as read
 * (every line quoted, its numbers listed), its size and main colour; a follow-up quotes the lines
 * that share a word with the question. Written in Chinese when the message asks for it.
 */
async function fakeReading({ text, image }: { text: string; image: ImageInfo }): Promise<string> {
  const lines = await readLines(image.data);
  const question = tag(text, "question");
  // The language asked for, unless the question is written in another one.
  const asked = /Write in Simplified Chinese/.test(text);
  const chinese = question === undefined ? asked : isChinese(question) || (asked && !/[a-z]{3,}/i.test(question));
  const numbers = [...new Set(lines.flatMap((line) => line.match(/(?<![\p{L}\d])\d[\d,.]*%?/gu) ?? []))];
  const [r = 0, g = r, b = r] = image.mean.map((c) => Math.round(c));
  const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
  const quoted = (list: string[]) => list.map((line) => `- "${line}"`).join("\n");
  if (question !== undefined) {
    const words = question.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
    const matching = lines.filter((line) => words.some((w) => line.toLowerCase().includes(w)));
    const shown = matching.length > 0 ? matching : lines;
    if (chinese) return `关于“${question}”：图中相关的文字是：\n${quoted(shown)}`;
    return `About "${question}": the image's text that bears on it reads:\n${shown.length > 0 ? quoted(shown) : "- (no legible text)"}`;
  }
  if (chinese) {
    return [`这是什么：一张 ${image.width}×${image.height} 的图像${lines.length > 0 ? "，带有文字" : ""}。`, `文字：\n${quoted(lines)}`, `数字：${numbers.join("、") || "无"}`, `风格：主色 ${hex}。`].join("\n\n");
  }
  return [
    `What it is: a ${image.width}×${image.height} image${lines.length > 0 ? " with text, likely a chart or a poster" : ""}.`,
    `Text:\n${lines.length > 0 ? quoted(lines) : "- none legible"}`,
    `Numbers:\n${numbers.length > 0 ? numbers.map((n) => `- ${n}`).join("\n") : "- none"}`,
    `Style: dominated by ${hex}.`,
  ].join("\n\n");
}

/** A description in the schema's shape, read from the image actually sent (its shape and mean colour). */
function fakeDescription(image: ImageInfo) {
  // A greyscale image has one channel: it stands for all three.
  const [r = 0, g = r, b = r] = image.mean.map((c) => Math.round(c));
  const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
  const shape = image.width > image.height * 1.1 ? "landscape" : image.height > image.width * 1.1 ? "portrait" : "square";
  const tone = image.brightness < 0.3 ? "dark, low-key" : image.brightness > 0.75 ? "bright, high-key" : "balanced mid-tone";
  return {
    subject: `a ${shape} reference image, ${image.width}×${image.height}`,
    style: `${tone} photograph`,
    palette: [hex],
    composition: `${shape} frame with the subject centred`,
    text: "",
    summary: `A ${tone} ${shape} photograph dominated by ${hex}.`,
  };
}

/* ---------- counting ---------- */

type CacheCounts = ReturnType<PromptCache["usageFor"]>;

/** POST /v1/messages/count_tokens: the same blocks the messages endpoint counts, without caching. */
async function countTokensAnswer({ ctx, body }: { ctx: Context; body: unknown }) {
  const bad = (message: string) => new ApiFailure(400, "invalid_request_error", message);
  if (!isRecord(body)) throw bad("Request body must be a JSON object");
  if (typeof body.model !== "string" || !body.model) throw bad("model: Field required");
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw bad("messages: Field required and must contain at least one message");
  // The same checks as a message, with the max_tokens a count does not take.
  const request = validate({ ...body, max_tokens: Number.MAX_SAFE_INTEGER });
  const images = await validateImages(request);
  sendJson(ctx.res, 200, { input_tokens: countTokens({ request, images }) });
}

/* ---------- responses ---------- */

function tokensOf(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** Cuts the answer at max_tokens (thinking counts toward it), as the real API does, and says so in stop_reason. */
function limit(answer: Answer, maxTokens: number, thinkingTokens = 0): { answer: Answer; stop: string; outputTokens: number } {
  const stop = answer.kind === "tool" ? "tool_use" : (answer.stop ?? "end_turn");
  const text = answer.kind === "text" ? answer.text : JSON.stringify(answer.input);
  const pieces = tokensOf(text);
  const room = maxTokens - thinkingTokens;
  if (pieces.length <= room) return { answer, stop, outputTokens: thinkingTokens + Math.max(1, pieces.length) };
  const cut = pieces.slice(0, Math.max(0, room)).join("");
  return { answer: { kind: "text", text: cut }, stop: "max_tokens", outputTokens: maxTokens };
}

type Thought = { thinking: Thinking; block: ReturnType<typeof thinkingBlock> };

function usageOf({ usage, outputTokens, thought }: { usage: CacheCounts; outputTokens: number; thought?: Thought }) {
  return { ...usage, output_tokens: outputTokens, output_tokens_details: { thinking_tokens: thought?.thinking.tokens ?? 0 }, service_tier: "standard" };
}

const newId = (prefix: string) => `${prefix}_01${randomBytes(11).toString("hex")}`;

function contentBlock(answer: Answer) {
  return answer.kind === "text"
    ? { type: "text", text: answer.text, citations: null }
    : { type: "tool_use", id: newId("toolu"), name: answer.name, input: answer.input, caller: { type: "direct" } };
}

async function jsonAnswer({ ctx, request, answer, usage, thought }: { ctx: Context; request: MessagesBody; answer: Answer; usage: CacheCounts; thought?: Thought }) {
  const limited = limit(answer, request.max_tokens, thought?.thinking.tokens);
  const { firstTokenMs, perTokenMs } = ctx.state.latency;
  await sleep(firstTokenMs + perTokenMs * limited.outputTokens);
  sendJson(ctx.res, 200, {
    id: newId("msg"),
    type: "message",
    role: "assistant",
    model: request.model,
    content: [...(thought ? [thought.block] : []), contentBlock(limited.answer)],
    stop_reason: limited.stop,
    stop_sequence: null,
    stop_details: null,
    container: null,
    usage: usageOf({ usage, outputTokens: limited.outputTokens, thought }),
  });
}

async function streamAnswer({
  ctx,
  request,
  answer,
  usage,
  fault,
  thought,
}: {
  ctx: Context;
  request: MessagesBody;
  answer: Answer;
  usage: CacheCounts;
  fault: Fault | undefined;
  thought?: Thought;
}) {
  const { res, state } = ctx;
  const limited = limit(answer, request.max_tokens, thought?.thinking.tokens);
  let closed = false;
  res.on("close", () => (closed = true));
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "request-id": newId("req") });
  const send = (event: string, data: unknown) => {
    if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const block = contentBlock(limited.answer);
  const text = limited.answer.kind === "text" ? limited.answer.text : JSON.stringify(limited.answer.input);

  send("message_start", {
    type: "message_start",
    message: { id: newId("msg"), type: "message", role: "assistant", model: request.model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
  });
  // A thinking block comes first, whole: its summary, then its signature.
  const index = thought ? 1 : 0;
  if (thought) {
    send("content_block_start", { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } });
    send("ping", { type: "ping" });
    await sleep(state.latency.firstTokenMs);
    if (thought.block.thinking) send("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: thought.block.thinking } });
    send("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: thought.block.signature } });
    send("content_block_stop", { type: "content_block_stop", index: 0 });
  }
  send("content_block_start", { type: "content_block_start", index, content_block: block.type === "text" ? { type: "text", text: "" } : { ...block, input: {} } });
  if (!thought) {
    send("ping", { type: "ping" });
    await sleep(state.latency.firstTokenMs);
  }
  const pieces = tokensOf(text);
  for (const [i, piece] of pieces.entries()) {
    if (closed) return;
    if (fault?.mode === "reset" && i === Math.floor(pieces.length / 2)) {
      resetConnection(ctx.req);
      return;
    }
    if (fault?.mode === "error" && fault.midStream && i === Math.floor(pieces.length / 2)) {
      const error = faultError(fault);
      send("error", { type: "error", error: { type: error.type, message: error.message } });
      res.end();
      return;
    }
    const delta = block.type === "text" ? { type: "text_delta", text: piece } : { type: "input_json_delta", partial_json: piece };
    send("content_block_delta", { type: "content_block_delta", index, delta });
    if (state.latency.perTokenMs > 0) await sleep(state.latency.perTokenMs);
  }
  send("content_block_stop", { type: "content_block_stop", index });
  send("message_delta", {
    type: "message_delta",
    delta: { stop_reason: limited.stop, stop_sequence: null },
    usage: usageOf({ usage, outputTokens: limited.outputTokens, thought }),
  });
  send("message_stop", { type: "message_stop" });
  res.end();
}

function sendError(res: ServerResponse, error: ApiFailure) {
  const requestId = newId("req");
  sendJson(res, error.status, { type: "error", error: { type: error.type, message: error.message }, request_id: requestId }, { ...error.headers, "request-id": requestId });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  // Node knows no reason phrase for the API's own 529.
  if (status === 529) res.statusMessage = "Overloaded";
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/* ---------- plumbing ---------- */

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) throw new ApiFailure(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiFailure(400, "invalid_request_error", "There was an issue with your request body: it is not valid JSON.");
  }
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

const invokedDirectly = typeof process !== "undefined" && /support[\\/]fakes[\\/]anthropic\.ts$/.test(process.argv[1] ?? "");

if (invokedDirectly) {
  // No top-level await: tsx may load this file as CommonJS.
  void startAnthropicFake({ port: Number(argValue("--port") ?? 4010), apiKey: argValue("--key"), host: argValue("--host") }).then((fake) => {
    console.log(`Anthropic fake listening on ${fake.url}`);
    const stop = () => void fake.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
