/**
 * What the image-provider fakes do to the pixels of an edit, so that a test can see the request
 * really reached the model: a painted region (the mask, read in the provider's own convention)
 * gets new pixels — stripes in a colour derived from the prompt — and every pixel outside it is
 * the input's own; an edit without a mask tints the whole input toward that colour, keeping its
 * shapes. Unlike the flat images of a plain render, the answer depends on the input image.
 */
import { createHash } from "node:crypto";
import sharp from "sharp";

export type Decoded = { data: Buffer; width: number; height: number; hasAlpha: boolean };

/** The image's RGBA pixels, or undefined when the bytes are not an image. */
export async function decodeImage(bytes: Buffer): Promise<Decoded | undefined> {
  try {
    const meta = await sharp(bytes).metadata();
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, hasAlpha: meta.hasAlpha === true };
  } catch {
    return undefined;
  }
}

/**
 * Which pixels a mask asks to edit, one byte each (1 = edit): "transparent" — OpenAI's rule,
 * fully transparent pixels; "white" — FLUX Fill's rule, white (bright) pixels.
 */
export function maskedPixels(mask: Decoded, rule: "transparent" | "white"): Uint8Array {
  const out = new Uint8Array(mask.width * mask.height);
  for (let i = 0; i < out.length; i++) {
    const [r, g, b, a] = [mask.data[i * 4]!, mask.data[i * 4 + 1]!, mask.data[i * 4 + 2]!, mask.data[i * 4 + 3]!];
    out[i] = rule === "transparent" ? (a === 0 ? 1 : 0) : (0.2126 * r + 0.7152 * g + 0.0722 * b) * (a / 255) >= 128 ? 1 : 0;
  }
  return out;
}

const colourOf = (key: string) => {
  const digest = createHash("sha256").update(key).digest();
  return [digest[0]!, digest[1]!, digest[2]!] as const;
};

/** The edited image: inside `edit` (or everywhere without one) the pixels change; at `size` if given. */
export async function fakeEdit(input: { image: Decoded; edit?: Uint8Array; key: string; size?: { width: number; height: number }; format?: "png" | "jpeg" }): Promise<Buffer> {
  const { image, edit } = input;
  const colour = colourOf(input.key);
  const out = Buffer.from(image.data);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = y * image.width + x;
      if (edit && !edit[i]) continue;
      for (let c = 0; c < 3; c++) {
        const v = image.data[i * 4 + c]!;
        // In a region: stripes of the colour and its opposite, unmistakably new; elsewhere a tint.
        out[i * 4 + c] = edit ? (((x + y) >> 4) % 2 === 0 ? colour[c]! : 255 - colour[c]!) : Math.round(v * 0.55 + colour[c]! * 0.45);
      }
    }
  }
  let pipeline = sharp(out, { raw: { width: image.width, height: image.height, channels: 4 } });
  if (!image.hasAlpha) pipeline = pipeline.removeAlpha();
  if (input.size && (input.size.width !== image.width || input.size.height !== image.height)) pipeline = pipeline.resize(input.size.width, input.size.height, { fit: "fill" });
  return input.format === "jpeg" ? pipeline.jpeg({ quality: 92 }).toBuffer() : pipeline.png().toBuffer();
}

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** The bytes of a data URI or of plain base64, or undefined. */
export function base64Bytes(value: string): Buffer | undefined {
  const match = /^data:[^;,]+;base64,(.*)$/s.exec(value);
  const body = match ? match[1]! : value;
  if (!/^[A-Za-z0-9+/=\s]+$/.test(body)) return undefined;
  const bytes = Buffer.from(body, "base64");
  return bytes.length > 0 ? bytes : undefined;
}
