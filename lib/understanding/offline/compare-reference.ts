import "server-only";
import type { Critique, CritiqueIssue } from "@/lib/schemas/critique";
import type { ImageMetrics } from "./image-metrics";
import { detectLanguage } from "./language";
import { applyFixes } from "./revise";

/** A colour family counts as part of an image's palette from this share of its pixels. */
const PRESENT = 0.05;

/**
 * Compares the render with the designer's reference on what pixels can tell: the main colours
 * and the overall lightness. Colours of the reference that the render lacks become one issue
 * whose fix names them, so accepting it moves the next render toward the reference.
 */
export function compareWithReference({
  critique,
  metrics,
  reference,
  prompt,
}: {
  critique: Critique;
  metrics: ImageMetrics;
  reference: ImageMetrics;
  prompt: string;
}): Critique {
  const wanted = reference.palette.filter((p) => p.share >= PRESENT).slice(0, 4).map((p) => p.family);
  const present = new Set(metrics.palette.filter((p) => p.share >= PRESENT * 0.6).map((p) => p.family));
  const shared = wanted.filter((f) => present.has(f));
  const missing = wanted.filter((f) => !present.has(f) && f !== "gray");
  const lightness = Math.abs(metrics.brightness - reference.brightness) > 0.25 ? (metrics.brightness > reference.brightness ? "lighter" : "darker") : null;
  const zh = detectLanguage(prompt) === "zh";

  const sentence = zh
    ? `对照参考图：共享 ${shared.join("、") || "无"} 主色${missing.length ? `，缺少 ${missing.join("、")}` : ""}${lightness ? `，整体${lightness === "lighter" ? "更亮" : "更暗"}` : ""}。`
    : `Against the reference: shares ${shared.join(", ") || "none"} of its main colours${missing.length ? `, missing ${missing.join(", ")}` : ""}${lightness ? `; overall ${lightness} than the reference` : ""}.`;

  const issues: CritiqueIssue[] = [...critique.issues];
  if (missing.length > 0 && issues.length < 10) {
    const words = zh ? `参考图中的${missing.join("、")}` : `${missing.join(" and ")} like the reference`;
    issues.push({
      id: "reference-palette",
      aspect: "colorLighting",
      severity: missing.length > 1 ? "medium" : "low",
      problem: zh ? `参考图的主色 ${missing.join("、")} 在这张图中缺失。` : `The reference's main colours ${missing.join(", ")} are missing here.`,
      fix: zh ? `加入“${words}”。` : `Add "${words}".`,
    });
  }
  const penalty = Math.min(1.5, missing.length * 0.5);
  const colorLighting = round1(Math.max(0, critique.aspects.colorLighting - penalty));
  return {
    ...critique,
    aspects: { ...critique.aspects, colorLighting },
    overall: round1(Math.max(0, critique.overall - penalty / 5)),
    summary: `${critique.summary} ${sentence}`.slice(0, 1200),
    issues,
    revisedPrompt: applyFixes({ prompt, issues }),
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
