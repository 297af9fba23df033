/**
 * fal (https://fal.run/{model}): `Authorization: Key …`, JSON in with `prompt`, `image_size`
 * (a preset name or `{ width, height }`), `num_images`, `seed`; JSON out with hosted image
 * URLs. Errors: `{ detail: [{ loc, msg, type }] }` for validation, `{ detail: "…" }` otherwise.
 * FLUX Kontext (`fal-ai/flux-pro/kontext`) edits an input image: `image_url` (a URL or a data URI)
 * is required, `image_size` is not read, and the result keeps the input's shape.
 */
import sharp from "sharp";
import { HttpFailure, dataUriFacts, flatImage, isRecord, startProviderFake, type Protocol, type ProviderFake } from "./provider-fake";

const PRESETS: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};
const MODELS = ["fal-ai/flux/dev", "fal-ai/flux/schnell", "fal-ai/flux-pro/v1.1", "fal-ai/flux-pro/kontext"];
const EDIT_MODELS = new Set(["fal-ai/flux-pro/kontext"]);

const invalid = (loc: string[], msg: string) => new HttpFailure(422, { detail: [{ loc: ["body", ...loc], msg, type: "value_error" }] });

function imageSize(value: unknown): [number, number] {
  if (value === undefined) return PRESETS.landscape_4_3!;
  if (typeof value === "string" && PRESETS[value]) return PRESETS[value];
  if (isRecord(value) && Number.isInteger(value.width) && Number.isInteger(value.height)) {
    const [w, h] = [value.width as number, value.height as number];
    if (w < 256 || h < 256 || w > 14142 || h > 14142) throw invalid(["image_size"], "ensure this value is between 256 and 14142");
    return [w, h];
  }
  throw invalid(["image_size"], "value is not a valid image size");
}

export const falProtocol: Protocol = {
  basePath: "",
  checkAuth(headers, apiKey) {
    const given = /^Key\s+(.+)$/.exec(headers.authorization ?? "")?.[1];
    if (given !== apiKey) return new HttpFailure(401, { detail: "No user found for Key ID and Secret" });
  },
  fault: (status) => new HttpFailure(status, { detail: status >= 500 ? "Internal server error" : `Request failed with status ${status}` }),
  async handle(ctx) {
    const model = ctx.path.replace(/^\//, "");
    if (ctx.method !== "POST" || !MODELS.includes(model)) throw new HttpFailure(404, { detail: `Application '${model}' not found` });
    const body = isRecord(ctx.body) ? ctx.body : {};
    if (typeof body.prompt !== "string" || !body.prompt) throw invalid(["prompt"], "field required");
    const n = body.num_images ?? 1;
    if (typeof n !== "number" || n < 1 || n > 4) throw invalid(["num_images"], "ensure this value is less than or equal to 4");
    const edit = EDIT_MODELS.has(model) ? await inputImage(body.image_url) : undefined;
    const [width, height] = edit ? edit.shape : imageSize(body.image_size);
    const seed = typeof body.seed === "number" ? body.seed : 1234567;
    // An edit's colour depends on its input too, so a test can tell it from a plain render.
    const key = edit ? `${body.prompt as string}|${edit.sha256}` : (body.prompt as string);
    const images = await Promise.all(
      Array.from({ length: n }, async (_, index) => ({ url: ctx.host(await flatImage({ prompt: key, index: seed + index, width, height, format: "jpeg" }), "jpeg"), width, height, content_type: "image/jpeg" })),
    );
    return { json: { images, timings: { inference: 0.42 }, seed, has_nsfw_concepts: images.map(() => false), prompt: body.prompt } };
  },
};

export const startFalFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: falProtocol, ...options });

/** Kontext's input: required, and an image fal can open; the output keeps its shape at ~1 MP. */
async function inputImage(value: unknown): Promise<{ shape: [number, number]; sha256: string }> {
  if (typeof value !== "string" || !value) throw invalid(["image_url"], "field required");
  const facts = dataUriFacts(value);
  if (!facts) {
    if (!/^https?:\/\//.test(value)) throw invalid(["image_url"], "Invalid image URL");
    return { shape: [1024, 1024], sha256: value };
  }
  const meta = await sharp(Buffer.from(value.slice(value.indexOf(",") + 1), "base64")).metadata().catch(() => undefined);
  if (!meta?.width || !meta.height) throw new HttpFailure(422, { detail: [{ loc: ["body", "image_url"], msg: "Could not load the image", type: "image_load_error" }] });
  const scale = 1024 / Math.max(meta.width, meta.height);
  return { shape: [Math.round(meta.width * scale), Math.round(meta.height * scale)], sha256: facts.sha256 };
}
