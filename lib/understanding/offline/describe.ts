import "server-only";
import type { ReferenceDescription } from "@/lib/schemas/reference";
import type { ImageMetrics } from "./image-metrics";

/**
 * What pixels alone can say about a reference image. The Offline engine cannot recognise
 * objects, so the subject says so plainly instead of guessing; palette, light, layout and
 * whether there is a line of type are measured.
 */
export function describeFromMetrics(metrics: ImageMetrics): ReferenceDescription {
  const palette = metrics.palette
    .filter((p) => p.share >= 0.04)
    .slice(0, 5)
    .map((p) => p.family);
  const style = [
    metrics.brightness < 0.3 ? "dark, low-key" : metrics.brightness > 0.7 ? "bright, high-key" : "mid-toned",
    metrics.contrast > 0.25 ? "high contrast" : metrics.contrast < 0.12 ? "soft, low contrast" : "moderate contrast",
    metrics.colourfulness > 0.45 ? "vivid colour" : metrics.colourfulness < 0.15 ? "muted, near-monochrome colour" : "restrained colour",
    metrics.edgeDensity > 0.18 ? "detailed, busy texture" : metrics.edgeDensity < 0.05 ? "flat, graphic shapes" : "clean shapes",
  ].join(", ");
  const shape = metrics.width > metrics.height * 1.15 ? "landscape" : metrics.height > metrics.width * 1.15 ? "portrait" : "square";
  const composition = `${shape} frame (${metrics.width}×${metrics.height}), visual weight ${placeOf(metrics.focus)}, ${
    metrics.edgeDensity < 0.08 ? "generous empty space" : "little empty space"
  }`;
  const text = metrics.textBand && metrics.textBand.strength > 0.5 ? `a line that looks like type ${bandPlace(metrics.textBand.centre)} (not read)` : "";
  return {
    subject: "not identified — the Offline engine measures pixels and does not recognise objects",
    style,
    palette: palette.length > 0 ? palette : ["gray"],
    composition,
    text,
    summary: `A ${shape}, ${style} image in ${(palette.length > 0 ? palette : ["gray"]).join(", ")}, with its weight ${placeOf(metrics.focus)}.`,
  };
}

function placeOf({ x, y }: { x: number; y: number }): string {
  const col = x < 0.4 ? "left" : x > 0.6 ? "right" : "centre";
  const row = y < 0.4 ? "upper" : y > 0.6 ? "lower" : "middle";
  if (col === "centre" && row === "middle") return "in the centre";
  return `in the ${row} ${col}`.replace("middle centre", "centre");
}

function bandPlace(centre: number): string {
  return centre < 0.34 ? "across the top" : centre > 0.66 ? "across the bottom" : "across the middle";
}
