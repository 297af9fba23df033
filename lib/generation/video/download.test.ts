import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LoupeError } from "@/lib/errors";
import { MediaError } from "@/lib/media/errors";
import { createVideoDownloader } from "./download";

const dir = mkdtempSync(path.join(tmpdir(), "loupe-download-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A body of `chunks` × 64 kB sent without a length, as a chunked answer is: only counting can catch it. */
function chunked(chunks: number, headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (chunks-- <= 0) return controller.close();
          controller.enqueue(new Uint8Array(64 * 1024).fill(1));
        },
      }),
      { headers: { "content-type": "video/mp4", ...headers } },
    );
}

describe("video download", () => {
  it("streams the clip to a file and hands the SDK an empty token for it", async () => {
    const downloader = createVideoDownloader({ dir, maxBytes: 1 << 20, fetch: chunked(4), label: "fal" });
    const result = await downloader.download({ url: new URL("https://fal.media/clip.mp4") });
    expect(result.data.byteLength).toBe(0);
    expect(result.mediaType).toBe("video/mp4");
    const file = downloader.fileFor(result.data)!;
    expect(file.bytes).toBe(4 * 64 * 1024);
    expect(readFileSync(file.path).byteLength).toBe(file.bytes);
  });

  it("stops at the first byte over the cap when no length was declared, and removes the partial file", async () => {
    const before = readdirSync(dir).length;
    const downloader = createVideoDownloader({ dir, maxBytes: 200 * 1024, fetch: chunked(100), label: "fal" });
    const error = await downloader.download({ url: new URL("https://fal.media/huge.mp4") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).reason).toBe("too_large");
    expect(readdirSync(dir).length).toBe(before);
  });

  it("refuses a declared length over the cap before reading any of it", async () => {
    const downloader = createVideoDownloader({ dir, maxBytes: 1000, fetch: chunked(1, { "content-length": "65536" }), label: "fal" });
    const error = await downloader.download({ url: new URL("https://fal.media/clip.mp4") }).catch((e: unknown) => e);
    expect((error as MediaError).message).toBe("The video is larger than the 0 MB Loupe accepts (0 MB).");
  });

  it("says the provider's file could not be fetched, without the URL (it may carry a key)", async () => {
    const downloader = createVideoDownloader({ dir, maxBytes: 1000, fetch: async () => new Response("gone", { status: 404 }), label: "Google" });
    const error = await downloader.download({ url: new URL("https://generativelanguage.googleapis.com/v1beta/files/x:download?key=secret") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).message).toBe("Google finished the clip, but its file could not be fetched (404).");
    expect((error as LoupeError).message).not.toContain("secret");
  });
});
