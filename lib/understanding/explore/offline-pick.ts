import "server-only";
import { aspectKeys, type AspectKey, type Critique } from "@/lib/schemas/critique";
import { draftLabels, type ComparativePick, type DraftLabel } from "@/lib/schemas/exploration";
import { critiqueFromMetrics } from "../offline/critique";
import { measureImage, type ImageMetrics } from "../offline/image-metrics";
import { detectLanguage, type Language } from "../offline/language";
import type { PickCandidate } from "./types";

/**
 * The Offline engine's comparative pick: every pair of renders compared on the offline critique's
 * aspects (measured from their pixels against the draft and their prompts), the winner the render
 * that wins most pairs (ties: the higher overall score, then the earlier label). Reasons name the
 * aspects the winner leads on and the measurements behind them. Deterministic.
 */
type Scored = { label: DraftLabel | "best"; metrics: ImageMetrics; critique: Critique };

/** The same weights as the offline overall score: adherence counts most. */
const weights: Record<AspectKey, number> = { promptAdherence: 0.3, composition: 0.2, typography: 0.15, colorLighting: 0.2, artifacts: 0.15 };
/** A lead smaller than this on an aspect is not worth a reason. */
const NOTABLE = 0.5;

export async function offlinePick({ draft, candidates, best, language }: { draft: string; candidates: readonly PickCandidate[]; best?: PickCandidate; language?: Language }): Promise<{ pick: ComparativePick; winnerIndex: number }> {
  const lang = language ?? detectLanguage(draft);
  const scored = await Promise.all(candidates.map((c, i) => score({ candidate: c, draft, label: draftLabels[i]! })));
  const wins = scored.map((a) => scored.filter((b) => b !== a && beats(a, b)).length);
  const order = scored.map((_, i) => i).sort((i, j) => wins[j]! - wins[i]! || scored[j]!.critique.overall - scored[i]!.critique.overall || i - j);
  const winnerIndex = order[0]!;
  const winner = scored[winnerIndex]!;
  const others = scored.filter((s) => s !== winner);
  const reasons = others.length === 0 ? [text[lang].only(winner)] : others.map((other) => reason({ winner, other, lang })).slice(0, 4);
  const previous = best ? await score({ candidate: best, draft, label: "best" }) : undefined;
  const beatsBest = previous ? beats(winner, previous) : true;
  return {
    winnerIndex,
    pick: {
      winner: winner.label as DraftLabel,
      reasons,
      perImage: scored.map((s) => ({ label: s.label as DraftLabel, note: text[lang].note(s) })),
      beatsBest,
      versusBest: previous ? reason({ winner: beatsBest ? winner : previous, other: beatsBest ? previous : winner, lang }) : "",
    },
  };
}

async function score({ candidate, draft, label }: { candidate: PickCandidate; draft: string; label: Scored["label"] }): Promise<Scored> {
  const metrics = await measureImage(candidate.image.bytes);
  // The candidate's own critique when it has one; else the offline critique of its pixels.
  const critique = candidate.critique ?? critiqueFromMetrics({ metrics, prompt: candidate.prompt, draft });
  return { label, metrics, critique };
}

function weightedLead(a: Scored, b: Scored): number {
  return aspectKeys.reduce((sum, key) => sum + (a.critique.aspects[key] - b.critique.aspects[key]) * weights[key], 0);
}

/** A beats B when its weighted aspects lead; a tie goes to fewer high-severity issues, then sharper pixels. */
function beats(a: Scored, b: Scored): boolean {
  const lead = weightedLead(a, b);
  if (Math.abs(lead) > 1e-9) return lead > 0;
  const high = (s: Scored) => s.critique.issues.filter((i) => i.severity === "high").length;
  if (high(a) !== high(b)) return high(a) < high(b);
  return a.metrics.sharpness > b.metrics.sharpness;
}

function reason({ winner, other, lang }: { winner: Scored; other: Scored; lang: Language }): string {
  const leads = aspectKeys
    .map((key) => ({ key, lead: winner.critique.aspects[key] - other.critique.aspects[key] }))
    .filter((l) => l.lead >= NOTABLE)
    .sort((x, y) => y.lead - x.lead)
    .slice(0, 2);
  const name = (s: Scored) => (s.label === "best" ? text[lang].bestName : s.label);
  if (leads.length === 0) return text[lang].close(name(winner), name(other), winner, other);
  const parts = leads.map(({ key }) => `${text[lang].aspect[key]} (${winner.critique.aspects[key]} vs ${other.critique.aspects[key]}${measured({ key, winner, other, lang })})`);
  return text[lang].leads(name(winner), name(other), parts);
}

/** The measurement that explains a lead, in words. */
function measured({ key, winner, other, lang }: { key: AspectKey; winner: Scored; other: Scored; lang: Language }): string {
  const a = winner.metrics;
  const b = other.metrics;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const t = text[lang].measure;
  switch (key) {
    case "colorLighting":
      return Math.abs(a.brightness - b.brightness) >= Math.abs(a.contrast - b.contrast)
        ? t.brightness(pct(a.brightness), pct(b.brightness))
        : t.contrast(pct(a.contrast), pct(b.contrast));
    case "composition":
      return t.detail(pct(a.edgeDensity), pct(b.edgeDensity));
    case "typography":
      return t.type(Boolean(a.textBand), Boolean(b.textBand));
    case "artifacts":
      return t.sharpness(pct(a.sharpness), pct(b.sharpness));
    default:
      return t.issues(winner.critique.issues.length, other.critique.issues.length);
  }
}

const text = {
  en: {
    aspect: { promptAdherence: "prompt adherence", composition: "composition", typography: "type", colorLighting: "colour and light", artifacts: "cleanliness" } as Record<AspectKey, string>,
    bestName: "the best so far",
    leads: (w: string, o: string, parts: string[]) => `${w} beats ${o} on ${parts.join(" and on ")}.`,
    close: (w: string, o: string, a: Scored, b: Scored) => `${w} and ${o} are close (${a.critique.overall} vs ${b.critique.overall}); ${w} has fewer serious problems or sharper detail.`,
    only: (s: Scored) => `${s.label} is the only render of the round (${s.critique.overall}/10).`,
    note: (s: Scored) => `${s.critique.overall}/10 — ${s.critique.issues[0]?.problem ?? "no problem found in the pixels."}`,
    measure: {
      brightness: (a: string, b: string) => `: brightness ${a} vs ${b}`,
      contrast: (a: string, b: string) => `: contrast ${a} vs ${b}`,
      detail: (a: string, b: string) => `: edge density ${a} vs ${b}`,
      type: (a: boolean, b: boolean) => (a && !b ? ": a line of type stands out only here" : ""),
      sharpness: (a: string, b: string) => `: sharpness ${a} vs ${b}`,
      issues: (a: number, b: number) => `: ${a} vs ${b} problems found`,
    },
  },
  zh: {
    aspect: { promptAdherence: "符合提示", composition: "构图", typography: "文字", colorLighting: "色彩与光线", artifacts: "画面干净度" } as Record<AspectKey, string>,
    bestName: "目前最佳",
    leads: (w: string, o: string, parts: string[]) => `${w} 在${parts.join("、")}上胜过 ${o}。`,
    close: (w: string, o: string, a: Scored, b: Scored) => `${w} 与 ${o} 接近（${a.critique.overall} 对 ${b.critique.overall}）；${w} 的严重问题更少或细节更清晰。`,
    only: (s: Scored) => `${s.label} 是本轮唯一的图（${s.critique.overall}/10）。`,
    note: (s: Scored) => `${s.critique.overall}/10 — ${s.critique.issues[0]?.problem ?? "像素上未发现问题。"}`,
    measure: {
      brightness: (a: string, b: string) => `：亮度 ${a} 对 ${b}`,
      contrast: (a: string, b: string) => `：对比度 ${a} 对 ${b}`,
      detail: (a: string, b: string) => `：边缘密度 ${a} 对 ${b}`,
      type: (a: boolean, b: boolean) => (a && !b ? "：只有这张有明显的文字行" : ""),
      sharpness: (a: string, b: string) => `：清晰度 ${a} 对 ${b}`,
      issues: (a: number, b: number) => `：问题数 ${a} 对 ${b}`,
    },
  },
} as const;
