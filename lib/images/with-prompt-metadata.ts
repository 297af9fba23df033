import "server-only";
import sharp from "sharp";

export type DownloadFormat = "png" | "webp";

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Re-encodes an image for download with its prompt embedded as XMP `dc:description`
 * (PNG carries it in an iTXt chunk, WebP in its XMP chunk), so the file remembers what
 * made it wherever it goes.
 */
export async function withPromptMetadata({
  bytes,
  format,
  prompt,
}: {
  bytes: Uint8Array;
  format: DownloadFormat;
  prompt: string;
}): Promise<Buffer> {
  const xmp = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(prompt)}</rdf:li></rdf:Alt></dc:description>`,
    "<xmp:CreatorTool>Loupe</xmp:CreatorTool>",
    "</rdf:Description></rdf:RDF></x:xmpmeta>",
    '<?xpacket end="w"?>',
  ].join("");
  const image = sharp(bytes, { limitInputPixels: 64_000_000 }).withXmp(xmp);
  return format === "png" ? image.png().toBuffer() : image.webp({ quality: 92 }).toBuffer();
}
