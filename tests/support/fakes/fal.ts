/**
 * fal (https://fal.run/{model}): `Authorization: Key …`, JSON in with `prompt`, `image_size`
 * (a preset name or `{ width, height }`), `num_images`, `seed`; JSON out with hosted image
 * URLs. Errors: `{ detail: [{ loc, msg, type }] }` for validation, `{ detail: "…" }` otherwise.
 * FLUX Kontext (`fal-ai/flux-pro/kontext`) edits an input image: `image_url` (a URL or a data URI)
 * is required, `image_size` is not read, and the result keeps the input's shape; its multi-image
 * endpoint (`…/kontext/multi`) takes `image_urls` instead. FLUX Fill (`fal-ai/flux-pro/v1/fill`)
 * takes `image_url` and `mask_url` of the same size, white = the region to fill, and answers at
 * the image's size with only that region changed. Edits answer from their input's pixels.
 */
import { base64Bytes, decodeImage, fakeEdit, maskedPixels, sha256, type Decoded } from "./edit-image";
import { HttpFailure, flatImage, isRecord, startProviderFake, type Protocol, type ProviderFake } from "./provider-fake";

const PRESETS: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};
const KONTEXT = "fal-ai/flux-pro/kontext";
const KONTEXT_MULTI = "fal-ai/flux-pro/kontext/multi";
const FILL = "fal-ai/flux-pro/v1/fill";
const MODELS = ["fal-ai/flux/dev", "fal-ai/flux/schnell", "fal-ai/flux-pro/v1.1", KONTEXT, KONTEXT_MULTI, FILL];
const MAX_MULTI_IMAGES = 4;

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
    const seed = typeof body.seed === "number" ? body.seed : 1234567;
    const edit = await editOf(model, body);
    const [width, height] = edit ? edit.shape : imageSize(body.image_size);
    const format = body.output_format === "png" ? "png" : "jpeg";
    const draw = (index: number) => (edit ? edit.draw(format) : flatImage({ prompt: body.prompt as string, index: seed + index, width, height, format }));
    const images = await Promise.all(Array.from({ length: n }, async (_, index) => ({ url: ctx.host(await draw(index), format), width, height, content_type: `image/${format}` })));
    return { json: { images, timings: { inference: 0.42 }, seed, has_nsfw_concepts: images.map(() => false), prompt: body.prompt } };
  },
};

type Edit = { shape: [number, number]; draw: (format: "png" | "jpeg") => Promise<Buffer> };

/** The edit endpoints' inputs, checked as fal checks them; undefined for a plain text-to-image model. */
async function editOf(model: string, body: Record<string, unknown>): Promise<Edit | undefined> {
  const prompt = body.prompt as string;
  if (model === KONTEXT) {
    const input = await inputImage(body.image_url, ["image_url"]);
    return kontextEdit({ prompt, inputs: [input] });
  }
  if (model === KONTEXT_MULTI) {
    if (!Array.isArray(body.image_urls) || body.image_urls.length === 0) throw invalid(["image_urls"], "field required");
    if (body.image_urls.length > MAX_MULTI_IMAGES) throw invalid(["image_urls"], `ensure this value has at most ${MAX_MULTI_IMAGES} items`);
    const inputs = await Promise.all(body.image_urls.map((url, i) => inputImage(url, ["image_urls", String(i)])));
    return kontextEdit({ prompt, inputs });
  }
  if (model === FILL) return fillEdit({ prompt, image: await inputImage(body.image_url, ["image_url"]), mask: await inputImage(body.mask_url, ["mask_url"]) });
  return undefined;
}

/** Kontext keeps the first input's shape at about one megapixel and tints it; every input changes the answer. */
function kontextEdit({ prompt, inputs }: { prompt: string; inputs: Input[] }): Edit {
  const first = inputs[0]!;
  const scale = 1024 / Math.max(first.image.width, first.image.height);
  const shape: [number, number] = [Math.round(first.image.width * scale), Math.round(first.image.height * scale)];
  const key = `${prompt}|${inputs.map((i) => i.sha256).join(",")}`;
  return { shape, draw: (format) => fakeEdit({ image: first.image, key, size: { width: shape[0], height: shape[1] }, format }) };
}

/** FLUX Fill: the image at its own size, changed only where the mask is white. */
function fillEdit({ prompt, image, mask }: { prompt: string; image: Input; mask: Input }): Edit {
  if (mask.image.width !== image.image.width || mask.image.height !== image.image.height) {
    throw invalid(["mask_url"], `The mask (${mask.image.width}x${mask.image.height}) must have the same dimensions as the image (${image.image.width}x${image.image.height})`);
  }
  const region = maskedPixels(mask.image, "white");
  const key = `${prompt}|${image.sha256}|${mask.sha256}`;
  return { shape: [image.image.width, image.image.height], draw: (format) => fakeEdit({ image: image.image, edit: region, key, format }) };
}

export const startFalFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: falProtocol, ...options });

type Input = { image: Decoded; sha256: string };

/** An edit endpoint's image: required, a data URI (a Loupe server has no public URL to offer), and an image fal can open. */
async function inputImage(value: unknown, loc: string[]): Promise<Input> {
  if (typeof value !== "string" || !value) throw invalid(loc, "field required");
  if (!value.startsWith("data:")) throw invalid(loc, /^https?:\/\//.test(value) ? "This fake cannot fetch image URLs; send a data URI" : "Invalid image URL");
  const bytes = base64Bytes(value);
  const image = bytes ? await decodeImage(bytes) : undefined;
  if (!bytes || !image) throw new HttpFailure(422, { detail: [{ loc: ["body", ...loc], msg: "Could not load the image", type: "image_load_error" }] });
  return { image, sha256: sha256(bytes) };
}
