import "server-only";
import { critiqueSchema, type AspectKey, type Critique, type CritiqueIssue } from "@/lib/schemas/critique";
import { colourName } from "./colours";
import { makeIssue, type FixId } from "./fixes";
import type { ImageMetrics } from "./image-metrics";
import type { Language } from "./language";
import { aspectValue, readRequirements, type Requirements } from "./requirements";
import { applyFixes } from "./revise";

/**
 * Scores an image from its measured pixels against what the prompt and the draft ask for.
 * It can see tone, colour, structure and shape; it cannot recognise objects or read text, so
 * prompt adherence never goes above 8.5 and the summary says so.
 */
type Finding = { id: FixId; severity: CritiqueIssue["severity"]; penalty: Partial<Record<AspectKey, number>> };

type Check = (m: ImageMetrics, req: Requirements) => Finding[];

const finding = (id: FixId, severity: Finding["severity"], penalty: Finding["penalty"]): Finding => ({ id, severity, penalty });

const exposure: Check = (m, req) => {
  if (req.mood === "dark") {
    return m.brightness > 0.55 ? [finding("mood-not-dark", m.brightness > 0.7 ? "high" : "medium", { colorLighting: 2.5, promptAdherence: 1 })] : [];
  }
  const low = req.mood === "bright" ? 0.45 : 0.22;
  if (m.brightness < low) {
    return [finding("too-dark", m.brightness < low - 0.12 ? "high" : "medium", { colorLighting: Math.min(4, (low - m.brightness) * 14 + 1), promptAdherence: req.mood === "bright" ? 1 : 0 })];
  }
  if (m.brightness > 0.86) return [finding("too-bright", "medium", { colorLighting: Math.min(3.5, (m.brightness - 0.86) * 20 + 1) })];
  return [];
};

const contrast: Check = (m, req) => {
  const floor = req.highContrast ? 0.24 : req.minimal ? 0.08 : 0.14;
  if (m.contrast >= floor) return [];
  const gap = floor - m.contrast;
  return [finding("contrast-low", gap > 0.08 || req.highContrast ? "high" : "medium", { colorLighting: Math.min(4, gap * 30 + 1), promptAdherence: req.highContrast ? 1 : 0 })];
};

const palette: Check = (m, req) => {
  const out: Finding[] = [];
  if (!req.monochrome) {
    for (const colour of req.colours.slice(0, 4)) {
      const share = m.colourShares[colour.id] ?? 0;
      if (share < 0.04) out.push(finding(`palette-missing-${colour.id}`, share < 0.01 ? "high" : "medium", { colorLighting: 1.6, promptAdherence: 1.4 }));
    }
  }
  if (req.vibrant && m.colourfulness < 0.3) out.push(finding("colour-dull", "medium", { colorLighting: 1.5, promptAdherence: 0.5 }));
  if (req.monochrome && m.colourfulness > 0.25) out.push(finding("not-monochrome", "high", { colorLighting: 2, promptAdherence: 1.5 }));
  return out;
};

const shape: Check = (m, req) => {
  if (!req.aspect) return [];
  const off = Math.abs(Math.log(m.width / m.height / aspectValue(req.aspect)));
  return off > 0.08 ? [finding("aspect-mismatch", off > 0.4 ? "high" : "medium", { composition: 2.5, promptAdherence: 1 })] : [];
};

const layout: Check = (m, req) => {
  const out: Finding[] = [];
  const offCentre = Math.hypot(m.focus.x - 0.5, m.focus.y - 0.5);
  if (req.centered && offCentre > 0.12) out.push(finding("off-center", offCentre > 0.22 ? "high" : "medium", { composition: 1.8, promptAdherence: 0.5 }));
  const busyLimit = req.minimal ? 0.18 : 0.34;
  if (m.edgeDensity > busyLimit) out.push(finding("busy", req.minimal ? "high" : "medium", { composition: Math.min(3, (m.edgeDensity - busyLimit) * 12 + 1), promptAdherence: req.minimal ? 1 : 0 }));
  else if (m.edgeDensity < 0.004 && m.contrast < 0.1) out.push(finding("flat", "high", { composition: 2.5, artifacts: 0.5 }));
  if (req.headline || req.spaceAtTop) {
    const calm = (band: ImageMetrics["bands"]["top"]) => band.edgeDensity < 0.05 || band.lumaStd < 0.09;
    const roomForType = calm(m.bands.top) || calm(m.bands.bottom) || m.textBand !== null;
    if (!roomForType || (req.spaceAtTop && !calm(m.bands.top))) out.push(finding("no-text-space", "medium", { composition: 1.5, typography: 1 }));
  }
  return out;
};

const type: Check = (m, req) => {
  if (req.headline) {
    if (!m.textBand) return [finding("headline-not-visible", "high", { typography: 4, promptAdherence: 1.5 })];
    if (m.textBand.contrast < 0.18) return [finding("headline-low-contrast", "medium", { typography: 2 })];
    return [];
  }
  return m.textBand && m.textBand.strength > 0.6 && m.textBand.contrast > 0.25 ? [finding("stray-text", "low", { typography: 1.5 })] : [];
};

const quality: Check = (m) => {
  const out: Finding[] = [];
  if (m.sharpness < 0.02 && m.edgeDensity > 0.004) out.push(finding("soft-focus", "medium", { artifacts: 2.5 }));
  if (m.clipping.highlights > 0.3) out.push(finding("clipped-highlights", "low", { artifacts: 1.2, colorLighting: 0.5 }));
  if (m.clipping.shadows > 0.35) out.push(finding("crushed-shadows", "low", { artifacts: 1.2, colorLighting: 0.5 }));
  if (m.edgeDensity > 0.5 && m.sharpness > 0.9) out.push(finding("noisy", "medium", { artifacts: 2 }));
  return out;
};

const checks: Check[] = [type, palette, exposure, contrast, shape, layout, quality];

/** What a clean image earns per aspect before penalties; adherence is capped by what pixels can prove. */
const baseline: Record<AspectKey, number> = { promptAdherence: 8.5, composition: 8.5, typography: 8.5, colorLighting: 9, artifacts: 8.5 };
const weights: Record<AspectKey, number> = { promptAdherence: 0.3, composition: 0.2, typography: 0.15, colorLighting: 0.2, artifacts: 0.15 };
const severityRank = { high: 0, medium: 1, low: 2 } as const;

export function critiqueFromMetrics({
  metrics,
  prompt,
  draft,
  language,
}: {
  metrics: ImageMetrics;
  prompt: string;
  draft: string;
  /** The language to write in; the prompt's own language when omitted. */
  language?: Language;
}): Critique {
  // The draft is the designer's own words: a requirement stated there counts even if the prompt lost it.
  const merged = mergeRequirements(readRequirements(prompt), readRequirements(draft));
  // Only the words change language; the revised prompt keeps the prompt's (applyFixes reads it).
  const req = language ? { ...merged, language } : merged;
  const findings = checks.flatMap((check) => check(metrics, req));
  const aspects = scoreAspects(findings, req);
  const issues = findings
    .slice()
    .sort((a, b) => severityRank[a.severity] - severityRank[b.severity])
    .slice(0, 6)
    .map((f) => makeIssue({ id: f.id, severity: f.severity, language: req.language }));
  const overall = round1((Object.keys(weights) as AspectKey[]).reduce((sum, key) => sum + aspects[key] * weights[key], 0));
  return critiqueSchema.parse({
    overall,
    aspects,
    summary: summarise({ metrics, req, overall, issueCount: issues.length }),
    strengths: strengths(metrics, req, findings),
    issues,
    revisedPrompt: applyFixes({ prompt, issues }),
  });
}

function mergeRequirements(prompt: Requirements, draft: Requirements): Requirements {
  const colours = [...prompt.colours, ...draft.colours.filter((c) => !prompt.colours.some((p) => p.id === c.id))];
  return {
    ...prompt,
    colours,
    headline: prompt.headline ?? draft.headline,
    aspect: prompt.aspect ?? draft.aspect,
    mood: prompt.mood ?? draft.mood,
    highContrast: prompt.highContrast || draft.highContrast,
    minimal: prompt.minimal || draft.minimal,
    centered: prompt.centered || draft.centered,
    monochrome: prompt.monochrome || draft.monochrome,
    vibrant: prompt.vibrant || draft.vibrant,
    spaceAtTop: prompt.spaceAtTop || draft.spaceAtTop,
  };
}

function scoreAspects(findings: Finding[], req: Requirements): Record<AspectKey, number> {
  const scores = { ...baseline };
  // With no text asked for, typography only checks for stray lettering: a clean image is fine.
  if (!req.headline) scores.typography = 9;
  for (const f of findings) {
    for (const [key, penalty] of Object.entries(f.penalty) as Array<[AspectKey, number]>) scores[key] -= penalty;
  }
  return Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, round1(Math.min(10, Math.max(0, v)))])) as Record<AspectKey, number>;
}

function summarise({ metrics, req, overall, issueCount }: { metrics: ImageMetrics; req: Requirements; overall: number; issueCount: number }): string {
  const lang = req.language;
  const top = metrics.palette.slice(0, 3).map((p) => familyLabel(p.family, lang));
  const tone = describeTone(metrics, lang);
  if (lang === "zh") {
    const verdict = issueCount === 0 ? "从像素上看没有明显问题。" : `发现 ${issueCount} 个可改进之处，按重要性排列如下。`;
    return `离线评审（基于像素的启发式分析，无法识别物体或文字）：综合 ${overall}/10。画面${tone}，主色为${top.join("、")}。${verdict}${req.headline ? `请自行核对标题“${req.headline}”的拼写。` : ""}`;
  }
  const verdict = issueCount === 0 ? "Nothing stands out as wrong in the pixels." : `${issueCount} thing${issueCount === 1 ? "" : "s"} to improve, most important first.`;
  const spelling = req.headline ? ` Check the spelling of "${req.headline}" yourself.` : "";
  return `Offline critique (pixel heuristics; it cannot recognise objects or read text): ${overall}/10. The image is ${tone}, dominated by ${top.join(", ")}. ${verdict}${spelling}`;
}

function describeTone(m: ImageMetrics, lang: Language): string {
  const light = m.brightness < 0.3 ? ["dark", "偏暗"] : m.brightness > 0.72 ? ["bright", "明亮"] : ["evenly exposed", "曝光适中"];
  const punch = m.contrast < 0.12 ? ["low in contrast", "对比度低"] : m.contrast > 0.28 ? ["high in contrast", "对比强烈"] : ["moderate in contrast", "对比适中"];
  const i = lang === "zh" ? 1 : 0;
  return lang === "zh" ? `${light[i]}、${punch[i]}` : `${light[i]} and ${punch[i]}`;
}

function strengths(m: ImageMetrics, req: Requirements, findings: Finding[]): string[] {
  const has = (prefix: string) => findings.some((f) => f.id.startsWith(prefix));
  const zh = req.language === "zh";
  const out: string[] = [];
  const present = req.colours.filter((c) => (m.colourShares[c.id] ?? 0) >= 0.04).map((c) => colourName(c.id, req.language));
  if (present.length) out.push(zh ? `要求的颜色到位：${present.join("、")}。` : `The requested colours are there: ${present.join(", ")}.`);
  if (!has("contrast") && !has("too-") && !has("mood")) out.push(zh ? "曝光与对比度均衡。" : "Exposure and contrast are well balanced.");
  if (req.aspect && !has("aspect")) out.push(zh ? `画幅符合 ${req.aspect}。` : `The frame matches the requested ${req.aspect}.`);
  if (req.headline && m.textBand && !has("headline")) out.push(zh ? "有清晰的文字行区域。" : "There is a clear, well-separated line of type.");
  if (!has("busy") && !has("flat") && !has("soft")) out.push(zh ? "细节密度适中，结构清晰。" : "Detail is well judged; the structure reads clearly.");
  return out.slice(0, 4);
}

function familyLabel(family: string, lang: Language): string {
  return colourName(family, lang);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
