import { createHash } from "node:crypto";
import sharp from "sharp";
import { beforeEach, describe, expect, it } from "vitest";
import { LoupeError } from "@/lib/errors";
import { chooseRendition, deleteImage, isValidImageKey, listImageKeys, MAX_IMAGE_BYTES, openImage, openRendition, prepareRendition, readImage, readRendition, storeImage } from "@/lib/storage";
import { derivedKey } from "@/lib/storage/renditions";
import { derivedStore, imageStore } from "@/lib/storage/stores";

/*
 * One behavioural suite for every storage backend, run by storage.local.test.ts and
 * storage.s3.test.ts. `isolate` points the environment at an empty store before each test.
 */

let counter = 0;

/** A real, distinct image per call (one pixel colour from a counter), so tests never share bytes. */
export async function distinctImage(format: "png" | "jpeg" | "webp" | "gif" = "png", size = 8): Promise<Uint8Array> {
  counter += 1;
  const background = { r: counter % 256, g: (counter >> 8) % 256, b: 97 };
  const buffer = await sharp({ create: { width: size, height: size, channels: 3, background } })
    .toFormat(format)
    .toBuffer();
  return new Uint8Array(buffer);
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function expectLoupeError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoupeError);
  expect((error as LoupeError).code).toBe(code);
}

export function describeStorageContract({ isolate }: { isolate: () => Promise<void> }): void {
  beforeEach(isolate);

  describe("storeImage / readImage", () => {
    it("stores bytes under their SHA-256 and reads them back", async () => {
      const bytes = await distinctImage("png");
      const stored = await storeImage({ bytes, mediaType: "image/png" });
      expect(stored).toEqual({ key: `${sha(bytes)}.png`, sha256: sha(bytes), size: bytes.byteLength, mediaType: "image/png" });
      const read = await readImage(stored.key);
      expect(read?.mediaType).toBe("image/png");
      expect(Buffer.from(read!.bytes).equals(Buffer.from(bytes))).toBe(true);
    });

    it("keeps one copy when the same bytes are stored again, even at once", async () => {
      const bytes = await distinctImage("webp");
      const results = await Promise.all([1, 2, 3].map(() => storeImage({ bytes, mediaType: "image/webp" })));
      expect(new Set(results.map((r) => r.key)).size).toBe(1);
      await storeImage({ bytes, mediaType: "image/webp" });
      expect(await listImageKeys()).toEqual([results[0]!.key]);
    });

    it("types an image by its bytes, not by the label it came with", async () => {
      const bytes = await distinctImage("jpeg");
      const stored = await storeImage({ bytes, mediaType: "image/png" });
      expect(stored.key.endsWith(".jpg")).toBe(true);
      expect(stored.mediaType).toBe("image/jpeg");
      expect((await readImage(stored.key))?.mediaType).toBe("image/jpeg");
      const gif = await storeImage({ bytes: await distinctImage("gif"), mediaType: "image/gif" });
      expect(gif.key.endsWith(".gif")).toBe(true);
    });

    it("refuses what is not a supported image, empty or too large", async () => {
      const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      await expectLoupeError(storeImage({ bytes: svg, mediaType: "image/svg+xml" }), "unsupported_media");
      await expectLoupeError(storeImage({ bytes: new Uint8Array(), mediaType: "image/png" }), "unsupported_media");
      const huge = new Uint8Array(MAX_IMAGE_BYTES + 1);
      huge.set(await distinctImage("png"));
      await expectLoupeError(storeImage({ bytes: huge, mediaType: "image/png" }), "too_large");
      expect(await listImageKeys()).toEqual([]);
    });

    it("answers null for a well-formed key that holds nothing", async () => {
      expect(await readImage(`${"0".repeat(64)}.png`)).toBeNull();
    });
  });

  describe("keys", () => {
    const bad = [
      "../../etc/passwd",
      `${"a".repeat(64)}.PNG`,
      `${"A".repeat(64)}.png`,
      `${"a".repeat(63)}.png`,
      `${"a".repeat(64)}.svg`,
      `${"a".repeat(64)}`,
      `x/${"a".repeat(64)}.png`,
      `${"a".repeat(64)}.png/..`,
      `${"a".repeat(64)}.png\n`,
      `.${"a".repeat(64)}.png.1234.tmp`,
      "",
    ];

    it("accept only a lowercase SHA-256 with a known extension", () => {
      expect(isValidImageKey(`${"0123456789abcdef".repeat(4)}.webp`)).toBe(true);
      for (const key of bad) expect(isValidImageKey(key), key).toBe(false);
      expect(isValidImageKey(undefined)).toBe(false);
    });

    it("are checked before any backend is asked", async () => {
      for (const key of bad) {
        await expectLoupeError(readImage(key), "bad_request");
        await expectLoupeError(deleteImage(key), "bad_request");
      }
    });
  });

  describe("deleteImage / listImageKeys", () => {
    it("lists what is stored, sorted, and forgets what is deleted", async () => {
      const keys = await Promise.all(
        (["png", "jpeg", "png"] as const).map(async (f) => (await storeImage({ bytes: await distinctImage(f) })).key),
      );
      expect(await listImageKeys()).toEqual([...keys].sort());
      await deleteImage(keys[1]!);
      await deleteImage(keys[1]!);
      expect(await readImage(keys[1]!)).toBeNull();
      expect(await listImageKeys()).toEqual([keys[0]!, keys[2]!].sort());
    });
  });

  describe("renditions", () => {
    it("makes an AVIF or WebP rendition once, stores it beside the original, and deletes it with the original", async () => {
      const stored = await storeImage({ bytes: await distinctImage("png", 300) });
      const thumb = { key: stored.key, width: 96, format: "avif" } as const;
      const bytes = await readRendition(thumb);
      const meta = await sharp(bytes!).metadata();
      expect(meta).toMatchObject({ format: "heif", width: 96, height: 96 });
      expect(Buffer.from((await derivedStore().get(derivedKey(thumb)))!).equals(Buffer.from(bytes!))).toBe(true);
      expect(await listImageKeys()).toEqual([stored.key]);

      const full = await readRendition({ key: stored.key, width: null, format: "webp" });
      expect(await sharp(full!).metadata()).toMatchObject({ format: "webp", width: 300 });

      await deleteImage(stored.key);
      expect(await derivedStore().get(derivedKey(thumb))).toBeNull();
      expect(await readRendition({ key: stored.key, width: 256, format: "webp" })).toBeNull();
    });

    it("shares one encode between concurrent requests for the same rendition", async () => {
      const stored = await storeImage({ bytes: await distinctImage("jpeg", 600) });
      const all = await Promise.all([1, 2, 3].map(() => readRendition({ key: stored.key, width: 512, format: "webp" })));
      expect(all[0]).toBeTruthy();
      expect(all[1]).toBe(all[0]);
      expect(all[2]).toBe(all[0]);
    });

    it("opens what it stored for sending: the original's exact bytes and size, a rendition once made, nothing for a missing key", async () => {
      const bytes = await distinctImage("png", 700);
      const stored = await storeImage({ bytes });
      const body = async (opened: { stream: ReadableStream<Uint8Array>; size: number } | { bytes: Uint8Array }) =>
        "bytes" in opened ? { data: Buffer.from(opened.bytes), size: opened.bytes.byteLength } : { data: Buffer.from(await new Response(opened.stream).arrayBuffer()), size: opened.size };
      const original = await openImage(stored.key);
      expect(original?.mediaType).toBe("image/png");
      const sent = await body(original!.body);
      expect(sent.size).toBe(bytes.byteLength);
      expect(sent.data.equals(Buffer.from(bytes))).toBe(true);
      const rendition = await openRendition({ key: stored.key, width: 512, format: "webp" });
      expect(await sharp((await body(rendition!)).data).metadata()).toMatchObject({ format: "webp", width: 512 });
      expect(await openImage(`${"e".repeat(64)}.png`)).toBeNull();
      expect(await openRendition({ key: `${"e".repeat(64)}.png`, width: 512, format: "webp" })).toBeNull();
    });

    it("prepares the first view's rendition from the bytes in hand, before any request asks", async () => {
      const bytes = await distinctImage("png", 1100);
      const stored = await storeImage({ bytes });
      const first = { key: stored.key, width: 1024, format: "webp" } as const;
      // Gone from the store: only the bytes handed over can make it.
      await imageStore().delete(stored.key);
      prepareRendition({ key: stored.key, original: bytes });
      await expect.poll(async () => (await derivedStore().get(derivedKey(first)))?.byteLength ?? 0).toBeGreaterThan(0);
      expect(await sharp((await readRendition(first))!).metadata()).toMatchObject({ format: "webp", width: 1024 });
    });
  });
}

describe("chooseRendition", () => {
  const png = `${"a".repeat(64)}.png`;
  const browser = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
  it("negotiates on Accept: AVIF for small widths, WebP for large ones and for the full size", () => {
    expect(chooseRendition({ key: png, width: 96, accept: browser })).toEqual({ width: 96, format: "avif" });
    expect(chooseRendition({ key: png, width: 1024, accept: browser })).toEqual({ width: 1024, format: "webp" });
    expect(chooseRendition({ key: png, width: null, accept: browser })).toEqual({ width: null, format: "webp" });
    expect(chooseRendition({ key: png, width: null, accept: "image/avif" })).toEqual({ width: null, format: "avif" });
  });

  it("serves the original to clients that do not ask for AVIF or WebP, and never re-encodes a GIF or WebP at full size", () => {
    expect(chooseRendition({ key: png, width: null, accept: "*/*" })).toBeNull();
    expect(chooseRendition({ key: png, width: null, accept: null })).toBeNull();
    expect(chooseRendition({ key: png, width: null, accept: "image/webp;q=0, image/avif;q=0" })).toBeNull();
    expect(chooseRendition({ key: `${"a".repeat(64)}.gif`, width: null, accept: browser })).toBeNull();
    expect(chooseRendition({ key: `${"a".repeat(64)}.webp`, width: null, accept: browser })).toBeNull();
    // A width is always a rendition: WebP when the client does not say.
    expect(chooseRendition({ key: png, width: 96, accept: "*/*" })).toEqual({ width: 96, format: "webp" });
  });
});
