import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeVideoFile, videoStore, withVideoFile } from "@/lib/storage/videos";
import { setEnv } from "@/tests/support/env";
import { parseRange, serveVideo } from "./serve-video";

/*
 * The clip route's answers: Range requests as a player sends them (206 with Content-Range),
 * the whole clip without one (200), 416 past the end, 304 for the ETag, 404 for no clip — from
 * a file stored through the real local store (streamed in, streamed out).
 */

let dir = "";
let key = "";
const bytes = randomBytes(300_000);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-videos-"));
  setEnv({ LOUPE_S3_BUCKET: undefined, LOUPE_DATA_DIR: dir });
  const source = path.join(dir, "clip.webm");
  await fs.writeFile(source, bytes);
  key = (await storeVideoFile({ path: source, mediaType: "video/webm" })).key;
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const get = (headers: Record<string, string> = {}, method = "GET") => serveVideo({ request: new Request(`http://x/api/videos/${key}`, { headers, method }), key, cacheControl: "private" });
const body = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe("parseRange", () => {
  it("reads a-b, a- and the suffix -n, clamped to the file", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ kind: "range", range: { start: 0, end: 99 } });
    expect(parseRange("bytes=500-", 1000)).toEqual({ kind: "range", range: { start: 500, end: 999 } });
    expect(parseRange("bytes=-100", 1000)).toEqual({ kind: "range", range: { start: 900, end: 999 } });
    expect(parseRange("bytes=900-5000", 1000)).toEqual({ kind: "range", range: { start: 900, end: 999 } });
    expect(parseRange("bytes=-5000", 1000)).toEqual({ kind: "range", range: { start: 0, end: 999 } });
  });

  it("answers unsatisfiable past the end, and ignores what it cannot honour", () => {
    expect(parseRange("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange(null, 1000)).toEqual({ kind: "none" });
    expect(parseRange("bytes=0-1,5-9", 1000)).toEqual({ kind: "none" });
    expect(parseRange("items=0-1", 1000)).toEqual({ kind: "none" });
    expect(parseRange("bytes=9-1", 1000)).toEqual({ kind: "none" });
  });
});

describe("serveVideo", () => {
  it("answers the whole clip with its type, length and Accept-Ranges", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("video/webm");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-length")).toBe(String(bytes.length));
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await body(response)).equals(bytes)).toBe(true);
  });

  it("answers a range with 206, Content-Range and exactly those bytes", async () => {
    const response = await get({ range: "bytes=1000-1999" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(response.headers.get("content-length")).toBe("1000");
    expect(Buffer.from(await body(response)).equals(bytes.subarray(1000, 2000))).toBe(true);
  });

  it("answers the open range a browser starts with (bytes=0-)", async () => {
    const response = await get({ range: "bytes=0-" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 0-${bytes.length - 1}/${bytes.length}`);
    expect((await body(response)).byteLength).toBe(bytes.length);
  });

  it("answers 416 with the size for a range past the end", async () => {
    const response = await get({ range: `bytes=${bytes.length}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
  });

  it("answers 304 to its ETag, HEAD without a body, and 404 for a clip it does not have", async () => {
    const etag = (await get()).headers.get("etag")!;
    expect((await get({ "if-none-match": etag })).status).toBe(304);
    const head = await get({}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const missing = `${"0".repeat(64)}.webm`;
    expect((await serveVideo({ request: new Request("http://x/"), key: missing, cacheControl: "private" })).status).toBe(404);
    expect((await serveVideo({ request: new Request("http://x/"), key: "../etc/passwd", cacheControl: "private" })).status).toBe(404);
  });

  it("ignores a Range whose If-Range names other bytes (answers the whole clip)", async () => {
    const response = await get({ range: "bytes=0-9", "if-range": '"other"' });
    expect(response.status).toBe(200);
  });
});

describe("the local video store", () => {
  it("stores by content address once, and lends the file itself to ffmpeg", async () => {
    const source = path.join(dir, "again.webm");
    await fs.writeFile(source, bytes);
    expect((await storeVideoFile({ path: source, mediaType: "video/webm" })).key).toBe(key);
    expect(await videoStore().size(key)).toBe(bytes.length);
    const seen = await withVideoFile({ key }, async (file) => (await fs.stat(file)).size);
    expect(seen).toBe(bytes.length);
  });
});
