/**
 * Google Gemini API images (https://generativelanguage.googleapis.com/v1beta), `x-goog-api-key`:
 * Gemini image models through `POST /models/{model}:generateContent` (image parts as
 * `inlineData`, `generationConfig.imageConfig.aspectRatio`, `generationConfig.seed`), Imagen
 * through `POST /models/{model}:predict` (`instances[].prompt`, `parameters.sampleCount`,
 * `parameters.aspectRatio`). Errors: `{ error: { code, message, status } }`; a wrong key is a 400.
 * A Gemini request with input images (`inlineData` parts) is an edit: the answer is the first
 * image tinted by the prompt, so it depends on the image sent; Gemini takes no mask.
 */
import { base64Bytes, decodeImage, fakeEdit, sha256, type Decoded } from "./edit-image";
import { HttpFailure, flatImage, isRecord, sizeForRatio, startProviderFake, type Protocol, type ProviderFake, type RouteContext } from "./provider-fake";

const INPUT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"];
const GEMINI_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
const IMAGEN_RATIOS = ["1:1", "3:4", "4:3", "9:16", "16:9"];

const googleError = (code: number, status: string, message: string) => new HttpFailure(code, { error: { code, message, status } });

async function gemini(model: string, ctx: RouteContext) {
  const body = isRecord(ctx.body) ? ctx.body : {};
  const contents = Array.isArray(body.contents) ? body.contents : [];
  const parts = contents.flatMap((c) => (isRecord(c) && Array.isArray(c.parts) ? c.parts : []));
  const text = parts.map((p) => (isRecord(p) && typeof p.text === "string" ? p.text : "")).join(" ").trim();
  if (!text) throw googleError(400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified");
  const config = isRecord(body.generationConfig) ? body.generationConfig : {};
  const ratio = isRecord(config.imageConfig) && typeof config.imageConfig.aspectRatio === "string" ? config.imageConfig.aspectRatio : "1:1";
  if (!GEMINI_RATIOS.includes(ratio)) throw googleError(400, "INVALID_ARGUMENT", `Unsupported aspect ratio: ${ratio}`);
  const { width, height } = sizeForRatio(ratio);
  const inputs = await inputImages(parts);
  const first = inputs[0];
  const key = `${text}|${inputs.map((i) => i.sha256).join(",")}`;
  const png = first ? await fakeEdit({ image: first.image, key, size: { width, height } }) : await flatImage({ prompt: text, index: (config.seed as number | undefined) ?? 0, width, height });
  return {
    json: {
      candidates: [{ content: { parts: [{ inlineData: { mimeType: "image/png", data: png.toString("base64") } }], role: "model" }, finishReason: "STOP", index: 0 }],
      usageMetadata: { promptTokenCount: Math.ceil(text.length / 4), candidatesTokenCount: 1290, totalTokenCount: Math.ceil(text.length / 4) + 1290 },
      modelVersion: model,
      responseId: "fake-response",
    },
  };
}

/** The `inlineData` image parts, checked as the API checks them: a supported type and bytes that decode. */
async function inputImages(parts: unknown[]): Promise<Array<{ image: Decoded; sha256: string }>> {
  const inline = parts.filter((p): p is Record<string, unknown> => isRecord(p) && isRecord(p.inlineData)).map((p) => p.inlineData as Record<string, unknown>);
  return Promise.all(
    inline.map(async (data, i) => {
      const mimeType = typeof data.mimeType === "string" ? data.mimeType : "";
      if (!INPUT_TYPES.includes(mimeType)) throw googleError(400, "INVALID_ARGUMENT", `Unsupported MIME type: ${mimeType || "(none)"} (contents.parts[${i}].inlineData.mimeType)`);
      const bytes = typeof data.data === "string" ? base64Bytes(data.data) : undefined;
      const image = bytes ? await decodeImage(bytes) : undefined;
      if (!bytes || !image) throw googleError(400, "INVALID_ARGUMENT", "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
      return { image, sha256: sha256(bytes) };
    }),
  );
}

async function imagen(ctx: RouteContext) {
  const body = isRecord(ctx.body) ? ctx.body : {};
  const instance = Array.isArray(body.instances) && isRecord(body.instances[0]) ? body.instances[0] : {};
  if (typeof instance.prompt !== "string" || !instance.prompt) throw googleError(400, "INVALID_ARGUMENT", "Prompt is required.");
  const parameters = isRecord(body.parameters) ? body.parameters : {};
  const count = (parameters.sampleCount as number | undefined) ?? 4;
  if (count < 1 || count > 4) throw googleError(400, "INVALID_ARGUMENT", "sampleCount must be between 1 and 4.");
  const ratio = (parameters.aspectRatio as string | undefined) ?? "1:1";
  if (!IMAGEN_RATIOS.includes(ratio)) throw googleError(400, "INVALID_ARGUMENT", `Unsupported aspect ratio: ${ratio}`);
  const { width, height } = sizeForRatio(ratio);
  const pngs = await Promise.all(Array.from({ length: count }, (_, i) => flatImage({ prompt: instance.prompt as string, index: i, width, height })));
  return { json: { predictions: pngs.map((png) => ({ bytesBase64Encoded: png.toString("base64"), mimeType: "image/png" })) } };
}

export const googleProtocol: Protocol = {
  basePath: "/v1beta",
  checkAuth(headers, apiKey) {
    const given = headers["x-goog-api-key"];
    if (!given) return googleError(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    if (given !== apiKey) return googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
  },
  fault: (status) => (status === 429 ? googleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).") : googleError(status, status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT", "An internal error has occurred.")),
  async handle(ctx) {
    const match = /^\/v1beta\/models\/([^:]+):(generateContent|predict)$/.exec(ctx.path);
    if (ctx.method !== "POST" || !match) throw googleError(404, "NOT_FOUND", "Requested entity was not found.");
    const [, model, method] = match as unknown as [string, string, string];
    if (method === "generateContent" && model.startsWith("gemini-") && model.includes("image")) return gemini(model, ctx);
    if (method === "predict" && model.startsWith("imagen-")) return imagen(ctx);
    throw googleError(404, "NOT_FOUND", `models/${model} is not found for API version v1beta, or is not supported for ${method}.`);
  },
};

export const startGoogleFake = (options: { apiKey: string; port?: number }): Promise<ProviderFake> => startProviderFake({ protocol: googleProtocol, ...options });
