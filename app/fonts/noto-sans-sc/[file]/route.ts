import { cjkFontFile, cjkStylesheet } from "@/lib/fonts/cjk";

type Params = { params: Promise<{ file: string }> };

/** `stylesheet.css`: the @font-face rules; anything else: one woff2 slice they point at. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const { file } = await params;
  if (file === "stylesheet.css") {
    const { css } = await cjkStylesheet();
    // Unversioned URL (pages link it by name), so a short cache; the glyph URLs carry the version.
    return new Response(css, { headers: { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" } });
  }
  const bytes = await cjkFontFile(file);
  if (!bytes) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: { "content-type": "font/woff2", "cache-control": "public, max-age=31536000, immutable" },
  });
}
