import "server-only";
import type { AspectRatio, GenerationParams } from "@/lib/schemas/params";
import type { ModelCapability, Size } from "./capabilities";

/** What `generateImage` is given for one model, plus what the designer should know about the adaptation. */
export type TranslatedParams = {
  n: number;
  size?: Size;
  aspectRatio?: AspectRatio;
  /** Whether to send the seed at all (models without seeds get none, and a warning if one was asked). */
  sendSeed: boolean;
  warnings: string[];
};

const ratioOf = (value: string, separator: ":" | "x") => {
  const [w, h] = value.split(separator).map(Number);
  return (w ?? 1) / (h ?? 1);
};

/** Distance between two shapes on a log scale, so 2:1 and 1:2 are equally far from 1:1. */
const shapeDistance = (a: number, b: number) => Math.abs(Math.log(a) - Math.log(b));

function nearest<T extends string>(options: readonly T[], wanted: number, separator: ":" | "x"): T {
  return options.reduce((best, option) => (shapeDistance(ratioOf(option, separator), wanted) < shapeDistance(ratioOf(best, separator), wanted) ? option : best), options[0]!);
}

/** Width × height for an aspect ratio: the long edge fixed, the short edge rounded to the model's grid. */
export function pixelSize(input: { aspectRatio: AspectRatio; longEdge: number; multiple: number }): Size {
  const ratio = ratioOf(input.aspectRatio, ":");
  const snap = (v: number) => Math.max(input.multiple, Math.round(v / input.multiple) * input.multiple);
  const long = snap(input.longEdge);
  return ratio >= 1 ? `${long}x${snap(long / ratio)}` : `${snap(long * ratio)}x${long}`;
}

function translateShape(capability: ModelCapability, aspectRatio: AspectRatio): { size?: Size; aspectRatio?: AspectRatio; warning?: string } {
  const wanted = ratioOf(aspectRatio, ":");
  const { sizing, model } = capability;
  if (sizing.kind === "pixels") return { size: pixelSize({ aspectRatio, longEdge: sizing.longEdge, multiple: sizing.multiple }) };
  if (sizing.kind === "aspectRatio") {
    if (sizing.ratios.includes(aspectRatio)) return { aspectRatio };
    const closest = nearest(sizing.ratios, wanted, ":");
    return { aspectRatio: closest, warning: `${model} has no ${aspectRatio}; rendered at ${closest}.` };
  }
  const size = nearest(sizing.sizes, wanted, "x");
  // 1% tolerance: 1024x1536 is a faithful 2:3.
  const warning = shapeDistance(ratioOf(size, "x"), wanted) > 0.01 ? `${model} has no ${aspectRatio} size; rendered at ${size}.` : undefined;
  return { size, warning };
}

/** Turns the designer's params into what one model accepts, explaining every change. */
export function translateParams(input: { capability: ModelCapability; params: GenerationParams }): TranslatedParams {
  const { capability, params } = input;
  const warnings: string[] = [];
  const shape = translateShape(capability, params.aspectRatio);
  if (shape.warning) warnings.push(shape.warning);
  const max = capability.maxImages;
  if (params.n > max) warnings.push(`${capability.model} renders ${max} image${max === 1 ? "" : "s"} per request; asked for ${params.n}.`);
  if (params.seed !== undefined && !capability.seed) warnings.push(`${capability.model} does not take a seed, so this render cannot be reproduced exactly.`);
  return { n: Math.min(params.n, max), size: shape.size, aspectRatio: shape.aspectRatio, sendSeed: capability.seed, warnings };
}
