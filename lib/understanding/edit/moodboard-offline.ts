import "server-only";
import sharp from "sharp";
import type { CritiqueIssue } from "@/lib/schemas/critique";
import type { ReferenceRole, ReferenceVerdict } from "@/lib/schemas/edit";
import { measureImage, type ImageMetrics } from "../offline/image-metrics";
import type { Language } from "../offline/language";

/*
 * The Offline engine's comparison of a render with each moodboard reference, by the reference's
 * role, on what pixels can tell: palette → how much of the same colour families they share;
 * composition → how alike their layouts of light and edges are on a coarse grid, and where the
 * weight sits; style → tone, contrast, colourfulness and texture; subject → Offline cannot
 * recognise what is depicted, so colours and layout stand in, and the note says so.
 */

const GRID = 8;
const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

type Look = { metrics: ImageMetrics; luma: number[]; edges: number[] };

async function lookOf(bytes: Uint8Array): Promise<Look> {
  const metrics = await measureImage(bytes);
  const size = GRID * 8;
  const data = await sharp(bytes).rotate().flatten({ background: "#ffffff" }).resize(size, size, { fit: "fill" }).greyscale().raw().toBuffer();
  const luma = new Array<number>(GRID * GRID).fill(0);
  const edges = new Array<number>(GRID * GRID).fill(0);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = data[y * size + x]! / 255;
      const cell = Math.floor(y / 8) * GRID + Math.floor(x / 8);
      luma[cell]! += v / 64;
      if (x + 1 < size && y + 1 < size) edges[cell]! += Math.hypot(data[y * size + x + 1]! / 255 - v, data[(y + 1) * size + x]! / 255 - v) / 64;
    }
  }
  return { metrics, luma, edges };
}

function correlation(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, n) => s + n, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [cov, va, vb] = [0, 0, 0];
  a.forEach((v, i) => {
    cov += (v - ma) * (b[i]! - mb);
    va += (v - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  });
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

type Judgement = { score: number; notes: string; fix?: string };

function paletteOf(render: Look, reference: Look, zh: boolean): Judgement {
  const shares = (m: ImageMetrics) => new Map(m.palette.map((p) => [p.family, p.share]));
  const [r, s] = [shares(render.metrics), shares(reference.metrics)];
  let overlap = 0;
  for (const [family, share] of s) overlap += Math.min(share, r.get(family) ?? 0);
  const wanted = reference.metrics.palette.filter((p) => p.share >= 0.05).slice(0, 4).map((p) => p.family);
  const shared = wanted.filter((f) => (r.get(f) ?? 0) >= 0.03);
  const missing = wanted.filter((f) => !shared.includes(f) && f !== "gray");
  const notes = zh
    ? `共享参考图主色 ${shared.join("、") || "无"}${missing.length ? `，缺少 ${missing.join("、")}` : ""}（颜色重合 ${Math.round(overlap * 100)}%）。`
    : `Shares ${shared.join(", ") || "none"} of the reference's main colours${missing.length ? `, missing ${missing.join(", ")}` : ""} (${Math.round(overlap * 100)}% colour overlap).`;
  return { score: round1(10 * clamp01(overlap * 1.25)), notes, fix: missing.length ? (zh ? `加入“${missing.join("、")}配色”。` : `Add "${missing.join(" and ")} palette".`) : undefined };
}

const side = (x: number, zh: boolean) => (x < 0.42 ? (zh ? "左侧" : "left") : x > 0.58 ? (zh ? "右侧" : "right") : zh ? "居中" : "centre");

function compositionOf(render: Look, reference: Look, zh: boolean): Judgement {
  const layout = (correlation(render.luma, reference.luma) + correlation(render.edges, reference.edges)) / 2;
  const [f, g] = [render.metrics.focus, reference.metrics.focus];
  const shift = Math.hypot(f.x - g.x, f.y - g.y);
  const score = round1(10 * clamp01(0.7 * clamp01(layout) + 0.3 * (1 - clamp01(shift / 0.5))));
  const wantSide = side(g.x, zh);
  const notes = zh
    ? `布局相似度 ${layout.toFixed(2)}；视觉重心在${side(f.x, zh)}，参考图在${wantSide}。`
    : `Layout similarity ${layout.toFixed(2)}; the weight sits ${side(f.x, zh) === "centre" ? "in the centre" : `on the ${side(f.x, zh)}`}, the reference's ${wantSide === "centre" ? "in the centre" : `on the ${wantSide}`}.`;
  const fix = zh ? `加入“主体位于${wantSide}，参照构图参考图”。` : `Add "subject ${wantSide === "centre" ? "centred" : `on the ${wantSide}`}, framed like the composition reference".`;
  return { score, notes, fix: score < 6 ? fix : undefined };
}

function styleOf(render: Look, reference: Look, zh: boolean): Judgement {
  const [a, b] = [render.metrics, reference.metrics];
  const traits: Array<[number, string, string, string, string]> = [
    [a.brightness - b.brightness, "lighter", "darker", "更亮", "更暗"],
    [(a.contrast - b.contrast) * 2, "more contrast", "less contrast", "对比更强", "对比更弱"],
    [a.colourfulness - b.colourfulness, "more colourful", "more muted", "更鲜艳", "更柔和"],
    [(a.edgeDensity - b.edgeDensity) * 3, "busier", "calmer", "更繁复", "更简洁"],
  ];
  const distance = traits.reduce((s, [d]) => s + Math.min(1, Math.abs(d)), 0) / traits.length;
  const off = traits.filter(([d]) => Math.abs(d) > 0.12);
  const words = off.map(([d, more, less, zMore, zLess]) => (zh ? (d > 0 ? zMore : zLess) : d > 0 ? more : less));
  // The fix asks for the opposite of each difference: toward the reference.
  const wanted = off.map(([d, more, less, zMore, zLess]) => (zh ? (d > 0 ? zLess : zMore) : d > 0 ? less : more));
  const notes = zh ? (words.length ? `与风格参考相比：${words.join("、")}。` : "色调、对比、饱和度与质感都接近风格参考。") : words.length ? `Against the style reference: ${words.join(", ")}.` : "Tone, contrast, colour and texture are close to the style reference.";
  return { score: round1(10 * clamp01(1 - distance * 2.5)), notes, fix: wanted.length ? (zh ? `加入“${wanted.join("、")}”。` : `Add "${wanted.join(", ")}".`) : undefined };
}

function subjectOf(render: Look, reference: Look, zh: boolean): Judgement {
  const palette = paletteOf(render, reference, zh);
  const layout = compositionOf(render, reference, zh);
  const notes = zh ? "离线引擎无法识别主体：这里比较的是颜色与视觉重心。" : "Offline cannot recognise what is depicted: this compares colours and where the weight sits.";
  return { score: round1((palette.score + layout.score) / 2), notes };
}

const judges: Record<ReferenceRole, (render: Look, reference: Look, zh: boolean) => Judgement> = { palette: paletteOf, composition: compositionOf, style: styleOf, subject: subjectOf };
const aspectOf: Record<ReferenceRole, CritiqueIssue["aspect"]> = { palette: "colorLighting", composition: "composition", style: "colorLighting", subject: "promptAdherence" };

export type MoodboardComparison = { verdicts: ReferenceVerdict[]; issue?: CritiqueIssue };

export async function compareWithMoodboard({ render, references, language }: { render: Uint8Array; references: Array<{ bytes: Uint8Array; role: ReferenceRole }>; language: Language }): Promise<MoodboardComparison> {
  const zh = language === "zh";
  const [look, ...looks] = await Promise.all([lookOf(render), ...references.map((r) => lookOf(r.bytes))]);
  const judged = references.map((r, i) => ({ role: r.role, index: i + 1, ...judges[r.role](look!, looks[i]!, zh) }));
  const verdicts = judged.map(({ index, role, score, notes }) => ({ index, role, score, notes }));
  const worst = [...judged].filter((j) => j.fix && j.score < 6).sort((a, b) => a.score - b.score)[0];
  if (!worst?.fix) return { verdicts };
  const problem = zh ? `与参考图 ${worst.index}（${worst.role}）差距最大：${worst.notes}` : `Furthest from reference ${worst.index} (${worst.role}): ${worst.notes}`;
  return { verdicts, issue: { id: `reference-${worst.index}-${worst.role}`, aspect: aspectOf[worst.role], severity: worst.score < 4 ? "medium" : "low", problem, fix: worst.fix } };
}
