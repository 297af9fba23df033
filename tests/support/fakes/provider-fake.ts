/**
 * Plumbing shared by the image-provider fakes (fal, Replicate, Black Forest Labs, xAI,
 * Together, Fireworks, Luma, Google, OpenAI-compatible gateways): a loopback HTTP server that
 * logs requests, hosts generated files, injects faults and latency, and can be driven from
 * another process through /__control. Each provider file supplies only its protocol: routes,
 * auth check and error bodies, modelled on that provider's public API.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { createChaos, hangUntilClosed, resetConnection, type Chaos, type ChaosOptions } from "./chaos";

/**
 * `at` is when the request arrived and `endedAt` when its answer was sent, or when the caller hung
 * up first (`aborted`): overlapping spans prove calls ran concurrently, `aborted` that a cancel reached the wire.
 */
export type FakeRequest = { at: string; endedAt?: string; aborted?: boolean; method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: unknown; status: number };

export type ProviderFake = {
  /** The base URL to hand to the provider package's `baseURL` option. */
  url: string;
  origin: string;
  close(): Promise<void>;
  requests: FakeRequest[];
  /** The next `count` (default 1) generation requests (POSTs) fail with this status and the provider's error body. */
  failNext(status: number, count?: number): void;
  /** The next `count` generation requests are never answered (until the caller hangs up). */
  hangNext(count?: number): void;
  /** The next `count` generation requests have their connection destroyed before any answer. */
  resetNext(count?: number): void;
  /** Seeded random faults on every generation request no scripted fault took; null turns them off. */
  setChaos(options: ChaosOptions | null): void;
  /** Delay before every generation answer (POSTs); a list gives each POST the next delay in turn (the last one repeats). */
  setLatency(ms: number | number[]): void;
  reset(): void;
};

export type Reply = { status?: number; json?: unknown; bytes?: Buffer; contentType?: string; headers?: Record<string, string> };

/** Thrown by a protocol handler to answer with the provider's own error body. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export type RouteContext = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  origin: string;
  /** Stores bytes and returns the URL they are served at (as providers hand out CDN links). */
  host(bytes: Buffer, extension: HostedExtension): string;
  /** Per-fake scratch space (jobs waiting to be polled…). */
  jobs: Map<string, unknown>;
};

/** What a fake hosts as a provider's CDN would: images, and the clips of the video fakes. */
export type HostedExtension = "png" | "jpeg" | "mp4" | "webm" | "mov";
const hostedTypes: Record<HostedExtension, string> = { png: "image/png", jpeg: "image/jpeg", mp4: "video/mp4", webm: "video/webm", mov: "video/quicktime" };

export type Protocol = {
  /** Path prefix of `url`, e.g. "/v1" (empty when the provider's base URL is the origin). */
  basePath: string;
  /** Returns a failure when the request's credentials are missing or wrong. */
  checkAuth(headers: Record<string, string>, apiKey: string, request?: { path: string; query: Record<string, string> }): HttpFailure | undefined;
  /** The provider's error for an injected fault. */
  fault(status: number): HttpFailure;
  handle(ctx: RouteContext): Promise<Reply>;
};

/** A scripted fault: an error status (the provider's own body), or status 0 with a hang or a reset. */
type Fault = { status: number; mode: "error" | "hang" | "reset"; remaining: number; retryAfter?: number };
type State = { faults: Fault[]; chaos: Chaos | null; latencyMs: number[]; requests: FakeRequest[]; files: Map<string, { bytes: Buffer; type: string }>; jobs: Map<string, unknown> };

/** A flat colour derived from the prompt and image index, so different prompts give different bytes. */
export async function flatImage(input: { prompt: string; index: number; width: number; height: number; format?: "png" | "jpeg" }): Promise<Buffer> {
  const digest = createHash("sha256").update(`${input.index}:${input.prompt}`).digest();
  const image = sharp({ create: { width: input.width, height: input.height, channels: 3, background: { r: digest[0]!, g: digest[1]!, b: digest[2]! } } });
  return input.format === "jpeg" ? image.jpeg().toBuffer() : image.png().toBuffer();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Width and height for a ratio like "16:9" at 1024 px on the long edge. */
export function sizeForRatio(ratio: string, longEdge = 1024): { width: number; height: number } {
  const [w, h] = ratio.split(":").map(Number) as [number, number];
  return w >= h ? { width: longEdge, height: Math.round((longEdge * h) / w) } : { width: Math.round((longEdge * w) / h), height: longEdge };
}

export async function startProviderFake(input: { protocol: Protocol; apiKey: string; port?: number; host?: string }): Promise<ProviderFake> {
  const state: State = { faults: [], chaos: null, latencyMs: [0], requests: [], files: new Map(), jobs: new Map() };
  const hostName = input.host ?? "127.0.0.1";
  let origin = "";
  const server = createServer((req, res) => {
    handle({ req, res, state, origin, protocol: input.protocol, apiKey: input.apiKey }).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, json: { error: String(error) } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(input.port ?? 0, hostName, () => resolve());
  });
  origin = `http://${hostName}:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${input.protocol.basePath}`,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    requests: state.requests,
    failNext: (status, count = 1) => failNext(state, status, count),
    hangNext: (count = 1) => state.faults.push({ status: 0, mode: "hang", remaining: count }),
    resetNext: (count = 1) => state.faults.push({ status: 0, mode: "reset", remaining: count }),
    setChaos: (options) => (state.chaos = options ? createChaos(options) : null),
    setLatency: (ms) => setLatency(state, ms),
    reset: () => reset(state),
  };
}

function failNext(state: State, status: number, count: number) {
  if (!Number.isInteger(status) || status < 400) throw new Error(`failNext needs an error status, got ${status}`);
  state.faults.push({ status, mode: "error", remaining: count });
}

function setLatency(state: State, ms: number | number[]) {
  const list = (Array.isArray(ms) ? ms : [ms]).map((v) => Math.max(0, Number(v) || 0));
  state.latencyMs = list.length > 0 ? list : [0];
}

/** The next POST's delay: the list is consumed in order and its last value repeats. */
function takeLatency(state: State): number {
  return state.latencyMs.length > 1 ? state.latencyMs.shift()! : state.latencyMs[0]!;
}

function reset(state: State) {
  state.faults.length = 0;
  state.chaos = null;
  state.latencyMs = [0];
  state.requests.length = 0;
  state.files.clear();
  state.jobs.clear();
}

function takeFault(state: State): Fault | undefined {
  const fault = state.faults[0];
  if (!fault) return chaosFault(state);
  fault.remaining -= 1;
  if (fault.remaining <= 0) state.faults.shift();
  return fault;
}

function chaosFault(state: State): Fault | undefined {
  const draw = state.chaos?.draw();
  if (!draw) return undefined;
  return draw.mode === "error" ? { status: draw.status, mode: "error", remaining: 1, retryAfter: draw.retryAfter } : { status: 0, mode: draw.mode, remaining: 1 };
}

/** The provider's error body, with `retry-after` when the fault carries one (as rate limits and overloads do). */
function faultFailure(protocol: Protocol, fault: Fault): HttpFailure {
  const failure = protocol.fault(fault.status);
  if (fault.retryAfter === undefined) return failure;
  return new HttpFailure(failure.status, failure.body, { ...failure.headers, "retry-after": String(fault.retryAfter) });
}

async function handle(ctx: { req: IncomingMessage; res: ServerResponse; state: State; origin: string; protocol: Protocol; apiKey: string }) {
  const { req, res, state, protocol } = ctx;
  const url = new URL(req.url ?? "/", "http://fake");
  const method = req.method ?? "GET";
  if (url.pathname === "/__health") return send(res, { json: { ok: true } });
  if (url.pathname === "/__control") return control(req, res, state);
  if (url.pathname.startsWith("/__files/")) {
    const file = state.files.get(url.pathname.slice("/__files/".length));
    return send(res, file ? { bytes: file.bytes, contentType: file.type } : { status: 404, json: { detail: "Not found" } });
  }
  const raw = await readBody(req);
  const headers = flatHeaders(req);
  const entry: FakeRequest = { at: new Date().toISOString(), method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: await parseBody(raw, headers["content-type"]), status: 200 };
  state.requests.push(entry);
  res.on("close", () => {
    if (res.writableFinished) return;
    entry.aborted = true;
    entry.endedAt ??= new Date().toISOString();
  });
  try {
    const denied = protocol.checkAuth(entry.headers, ctx.apiKey, { path: entry.path, query: entry.query });
    if (denied) throw denied;
    if (method === "POST") {
      const fault = takeFault(state);
      const latency = takeLatency(state);
      if (latency > 0) await sleep(latency);
      if (fault?.mode === "hang") {
        entry.status = 0;
        return await hangUntilClosed(res);
      }
      if (fault?.mode === "reset") {
        entry.status = 0;
        return resetConnection(req);
      }
      if (fault) throw faultFailure(protocol, fault);
    }
    const host = (bytes: Buffer, extension: HostedExtension) => {
      const name = `${randomUUID()}.${extension}`;
      state.files.set(name, { bytes, type: hostedTypes[extension] });
      return `${ctx.origin}/__files/${name}`;
    };
    const reply = await protocol.handle({ method, path: url.pathname, query: entry.query, headers: entry.headers, body: entry.body, origin: ctx.origin, host, jobs: state.jobs });
    entry.status = reply.status ?? 200;
    entry.endedAt = new Date().toISOString();
    send(res, reply);
  } catch (error) {
    if (!(error instanceof HttpFailure)) throw error;
    entry.status = error.status;
    entry.endedAt = new Date().toISOString();
    send(res, { status: error.status, json: error.body, headers: error.headers });
  }
}

async function control(req: IncomingMessage, res: ServerResponse, state: State) {
  if (req.method === "GET") {
    const requests = state.requests.map(({ at, endedAt, aborted, method, path, status, body }) => ({ at, endedAt, aborted: aborted ?? false, method, path, status, body: summarise(body) }));
    return send(res, { json: { requests, pendingFaults: state.faults, latencyMs: state.latencyMs } });
  }
  const body = await parseBody(await readBody(req), req.headers["content-type"]);
  if (!isRecord(body)) return send(res, { status: 400, json: { error: "Control body must be an object" } });
  if (body.reset === true) reset(state);
  if (isRecord(body.failNext)) failNext(state, Number(body.failNext.status), Number(body.failNext.count ?? 1));
  if (typeof body.latencyMs === "number" || Array.isArray(body.latencyMs)) setLatency(state, body.latencyMs as number | number[]);
  if (body.chaos !== undefined) state.chaos = isRecord(body.chaos) ? createChaos(body.chaos as ChaosOptions) : null;
  send(res, { json: { ok: true, pendingFaults: state.faults, latencyMs: state.latencyMs } });
}

function send(res: ServerResponse, reply: Reply) {
  const payload = reply.bytes ?? Buffer.from(JSON.stringify(reply.json ?? null));
  const type = reply.bytes ? (reply.contentType ?? "application/octet-stream") : "application/json";
  res.writeHead(reply.status ?? 200, { "content-type": type, "content-length": payload.length, ...reply.headers });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A file as a multipart request carried it: the bytes, and how they were labelled. */
export type UploadedFile = { filename: string; type: string; size: number; sha256: string; bytes: Buffer };

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** JSON, or multipart form data (fields as strings, files as UploadedFile; repeated names become lists), or the raw text. */
async function parseBody(raw: Buffer, contentType = ""): Promise<unknown> {
  if (raw.length === 0) return undefined;
  if (contentType.startsWith("multipart/form-data")) return parseMultipart(raw, contentType);
  const text = raw.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<Record<string, unknown> | string> {
  // The platform's own parser (undici) reads the form exactly as a server framework would.
  const form = await new Response(new Uint8Array(raw), { headers: { "content-type": contentType } }).formData().catch(() => undefined);
  if (!form) return raw.toString("utf8");
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    const parsed = typeof value === "string" ? value : await uploaded(value);
    const earlier = fields[name];
    fields[name] = earlier === undefined ? parsed : [...(Array.isArray(earlier) ? earlier : [earlier]), parsed];
  }
  return fields;
}

async function uploaded(file: File): Promise<UploadedFile> {
  const bytes = Buffer.from(await file.arrayBuffer());
  return { filename: file.name, type: file.type, size: bytes.length, sha256: sha256(bytes), bytes };
}

/** Bytes in `data:` URIs as a data URI's media type, size and hash, so they can be checked against a source. */
export function dataUriFacts(value: string): { mediaType: string; size: number; sha256: string } | undefined {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(value);
  if (!match) return undefined;
  const bytes = Buffer.from(match[2]!, "base64");
  return { mediaType: match[1]!, size: bytes.length, sha256: sha256(bytes) };
}

/** The logged body for /__control: images (data URIs, uploaded files) shrink to their facts, which a test compares by hash. */
function summarise(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("data:") ? (dataUriFacts(value) ?? value.slice(0, 64)) : value;
  if (Array.isArray(value)) return value.map(summarise);
  if (Buffer.isBuffer(value)) return { size: value.length };
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "bytes").map(([k, v]) => [k, summarise(v)]));
  return value;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
}

/** For the standalone entry points: `--port 4021 --key k`. */
export function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
