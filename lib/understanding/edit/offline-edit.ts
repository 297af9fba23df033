import "server-only";
import type { Critique, CritiqueIssue } from "@/lib/schemas/critique";
import type { RegionCritique } from "@/lib/schemas/edit";
import { detectLanguage, type Language } from "../offline/language";
import { applyFixes } from "../offline/revise";
import type { CritiqueInput } from "../types";
import { compareWithMoodboard } from "./moodboard-offline";
import { measureRegionChange, type RegionChange } from "./region-change";

/*
 * The Offline engine's critique of an edit and of a render with a moodboard, added to its plain
 * critique: a real pixel diff inside and outside the painted region, and one verdict per
 * moodboard reference by its role. Labelled Offline like the rest; it reads pixels, not text.
 */

/** The region counts as changed when at least this share of its pixels did. */
const FOLLOWED = 0.15;
/** Outside the region, more than this share of changed pixels is a visible change. */
const OUTSIDE = 0.002;

const pct = (share: number) => `${share < 0.1 ? (share * 100).toFixed(1) : Math.round(share * 100)}%`;
const round1 = (n: number) => Math.round(n * 10) / 10;

function regionVerdict(change: RegionChange, zh: boolean): RegionCritique {
  const followed = change.insideChanged >= FOLLOWED;
  const outsideChanged = change.outsideChanged > OUTSIDE;
  const box = change.outsideBox;
  const inside = zh
    ? `涂抹区域内 ${pct(change.insideChanged)} 的像素发生了变化${followed ? "" : "，几乎没有改动"}。离线引擎只比较像素，无法判断新内容是否写对了文字。`
    : `${pct(change.insideChanged)} of the painted region's pixels changed${followed ? "" : ": it barely changed"}. Offline compares pixels only; it cannot read whether new text says what was asked.`;
  const outside = !outsideChanged
    ? zh
      ? "区域之外没有可见变化。"
      : "Nothing outside the region changed visibly."
    : zh
      ? `区域之外有 ${pct(change.outsideChanged)} 的像素变化（最大差值 ${change.outsideMax}/255，位于 x ${box!.x}–${box!.x + box!.w}、y ${box!.y}–${box!.y + box!.h}）。`
      : `Outside the region ${pct(change.outsideChanged)} of the pixels changed (by up to ${change.outsideMax}/255, within x ${box!.x}–${box!.x + box!.w}, y ${box!.y}–${box!.y + box!.h}).`;
  return { followed, outsideChanged, notes: `${inside} ${outside}` };
}

function regionIssues(region: RegionCritique, zh: boolean): CritiqueIssue[] {
  const issues: CritiqueIssue[] = [];
  if (!region.followed) {
    issues.push({ id: "region-unchanged", aspect: "promptAdherence", severity: "high", problem: zh ? "涂抹的区域几乎没有变化。" : "The painted region barely changed.", fix: zh ? "加入“明显改变涂抹区域的内容”。" : 'Add "clearly change the painted region".' });
  }
  if (region.outsideChanged) {
    issues.push({ id: "outside-changed", aspect: "artifacts", severity: "high", problem: zh ? "涂抹区域之外的内容也变了。" : "Pixels outside the painted region changed; only the region should.", fix: zh ? "加入“保持涂抹区域之外完全不变”。" : 'Add "keep everything outside the painted region unchanged".' });
  }
  return issues;
}

export async function withEditVerdicts({ critique, input }: { critique: Critique; input: CritiqueInput }): Promise<Critique> {
  const language: Language = input.language ?? detectLanguage(input.prompt);
  const zh = language === "zh";
  let next: Critique = critique;
  if (input.edit) {
    const change = await measureRegionChange({ before: input.edit.before.bytes, after: input.image.bytes, mask: input.edit.mask.bytes });
    const region = regionVerdict(change, zh);
    const issues = regionIssues(region, zh);
    const aspects = {
      ...next.aspects,
      promptAdherence: region.followed ? next.aspects.promptAdherence : Math.min(next.aspects.promptAdherence, 4),
      artifacts: region.outsideChanged ? round1(Math.max(0, next.aspects.artifacts - 3)) : next.aspects.artifacts,
    };
    next = { ...next, region, aspects, issues: [...issues, ...next.issues].slice(0, 10), summary: `${next.summary} ${region.notes}`.slice(0, 1200) };
  }
  if (input.references && input.references.length > 0) {
    const { verdicts, issue } = await compareWithMoodboard({ render: input.image.bytes, references: input.references.map((r) => ({ bytes: r.image.bytes, role: r.role })), language });
    const mean = verdicts.reduce((s, v) => s + v.score, 0) / verdicts.length;
    const line = zh ? `对照情绪板：平均 ${round1(mean)}/10。` : `Against the moodboard: ${round1(mean)}/10 on average.`;
    next = { ...next, references: verdicts, issues: issue && next.issues.length < 10 ? [...next.issues, issue] : next.issues, summary: `${next.summary} ${line}`.slice(0, 1200) };
  }
  if (next === critique) return critique;
  const overall = round1(Math.min(next.overall, Object.values(next.aspects).reduce((s, v) => s + v, 0) / 5 + 1.5));
  return { ...next, overall, revisedPrompt: applyFixes({ prompt: input.prompt, issues: next.issues }) };
}
