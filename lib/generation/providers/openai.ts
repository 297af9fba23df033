import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import type { AspectRatio } from "@/lib/schemas/params";
import type { ProviderEntry } from "./types";

type Size = `${number}x${number}`;

/** Sizes each OpenAI image model accepts (the API rejects anything else). */
const SIZES: Array<{ match: (model: string) => boolean; sizes: Size[]; maxImages: number }> = [
  { match: (m) => m === "dall-e-3", sizes: ["1024x1024", "1792x1024", "1024x1792"], maxImages: 1 },
  { match: (m) => m === "dall-e-2", sizes: ["1024x1024", "512x512", "256x256"], maxImages: 4 },
  // gpt-image-* and anything newer or unknown: the GPT Image sizes.
  { match: () => true, sizes: ["1024x1024", "1536x1024", "1024x1536"], maxImages: 4 },
];

function modelSpec(model: string) {
  return SIZES.find((s) => s.match(model))!;
}

const ratioOf = (value: string, separator: string) => {
  const [w, h] = value.split(separator).map(Number);
  return (w ?? 1) / (h ?? 1);
};

/** The supported size whose shape is closest to the requested aspect ratio (compared on a log scale). */
export function openaiSizeFor(model: string, aspectRatio: AspectRatio): Size {
  const wanted = Math.log(ratioOf(aspectRatio, ":"));
  const sizes = modelSpec(model).sizes;
  return sizes.reduce((best, size) => (Math.abs(Math.log(ratioOf(size, "x")) - wanted) < Math.abs(Math.log(ratioOf(best, "x")) - wanted) ? size : best), sizes[0]!);
}

export function openaiMaxImages(model: string): number {
  return modelSpec(model).maxImages;
}

export function createOpenAIProvider(config: { apiKey: string; baseURL?: string; model: string }): ProviderEntry {
  const openai = createOpenAI({ apiKey: config.apiKey, baseURL: config.baseURL });
  const models = [...new Set([config.model, "gpt-image-1", "gpt-image-1-mini", "dall-e-3"])];
  return {
    id: "openai",
    label: "OpenAI",
    models,
    defaultModel: config.model,
    local: false,
    supportsSeed: false,
    metadataKey: "openai",
    prepare({ model, params }) {
      const warnings: string[] = [];
      const size = openaiSizeFor(model, params.aspectRatio);
      const [w, h] = size.split("x").map(Number);
      if (Math.abs(Math.log(ratioOf(params.aspectRatio, ":")) - Math.log(w! / h!)) > 0.01) {
        warnings.push(`${model} has no ${params.aspectRatio} size; rendered at ${size}.`);
      }
      const max = openaiMaxImages(model);
      if (params.n > max) warnings.push(`${model} renders ${max} image${max === 1 ? "" : "s"} per request; asked for ${params.n}.`);
      if (params.seed !== undefined) warnings.push(`${model} does not take a seed, so this render cannot be reproduced exactly.`);
      return { model: openai.image(model), n: Math.min(params.n, max), size, warnings };
    },
  };
}
