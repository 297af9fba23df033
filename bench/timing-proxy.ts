import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A pass-through HTTP proxy in front of a fake. The fakes log what they were asked but not
 * how long they took; the bench needs exactly that — the time the "provider" was busy, to
 * subtract from a round trip so that what remains is Loupe's own time. Times are epoch
 * milliseconds with sub-millisecond precision, comparable across processes on one machine.
 */
export type Exchange = { path: string; start: number; end: number; status: number; bytes: number; firstDeltaAt: number | null };

export type TimingProxy = {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
};

/** Rewrites a complete JSON answer (e.g. to swap a fake's flat PNGs for realistic ones). */
/** Rewrites a JSON answer; `prepared` is what `prepare` returned when the request arrived. */
export type JsonRewrite = (body: unknown, prepared?: unknown) => unknown | Promise<unknown>;

export const now = () => performance.timeOrigin + performance.now();

/**
 * `prepare` runs as each request arrives, so work the rewrite needs (a fake's image encode) can
 * overlap the latency the fake was told to take, as it would inside a real provider.
 */
export async function startTimingProxy({ target, rewriteJson, prepare }: { target: string; rewriteJson?: JsonRewrite; prepare?: () => unknown }): Promise<TimingProxy> {
  const exchanges: Exchange[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const exchange: Exchange = { path: req.url ?? "/", start: now(), end: Number.NaN, status: 0, bytes: 0, firstDeltaAt: null };
    if (!exchange.path.startsWith("/__")) exchanges.push(exchange);
    const prepared = rewriteJson && prepare ? prepare() : undefined;
    forward({ req, res, upstream, exchange, rewriteJson: rewriteJson && ((body) => rewriteJson(body, prepared)) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, "")}`;
  return {
    url: base,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forward(input: { req: IncomingMessage; res: ServerResponse; upstream: URL; exchange: Exchange; rewriteJson?: JsonRewrite }) {
  const { req, res, upstream, exchange, rewriteJson } = input;
  const out = httpRequest(
    { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
    (answer) => {
      exchange.status = answer.statusCode ?? 0;
      const json = rewriteJson && (answer.headers["content-type"] ?? "").includes("application/json") && exchange.status === 200;
      if (json) return relayRewritten({ answer, res, exchange, rewriteJson });
      res.writeHead(exchange.status, answer.headers);
      answer.on("data", (chunk: Buffer) => {
        res.write(chunk);
        exchange.bytes += chunk.length;
        // The instant the first streamed words leave the "provider" for Loupe.
        if (exchange.firstDeltaAt === null && chunk.includes("text_delta")) exchange.firstDeltaAt = now();
      });
      answer.on("end", () => {
        res.end();
        exchange.end = now();
      });
    },
  );
  out.on("error", () => {
    exchange.end = now();
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(out);
}

function relayRewritten(input: { answer: IncomingMessage; res: ServerResponse; exchange: Exchange; rewriteJson: JsonRewrite }) {
  const { answer, res, exchange, rewriteJson } = input;
  const chunks: Buffer[] = [];
  answer.on("data", (chunk: Buffer) => chunks.push(chunk));
  answer.on("end", async () => {
    const text = JSON.stringify(await rewriteJson(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    const headers = { ...answer.headers, "content-length": String(Buffer.byteLength(text)) };
    res.writeHead(exchange.status, headers);
    res.end(text, () => {
      exchange.bytes = Buffer.byteLength(text);
      exchange.end = now();
    });
  });
}
