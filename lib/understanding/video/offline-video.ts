import "server-only";
import sharp from "sharp";
import { zeroUsage, type CritiqueIssue, type Critique } from "@/lib/schemas/critique";
import { videoCritiqueSchema, videoDescriptionSchema, type VideoAspectKey, type VideoCritique, type VideoCritiqueIssue, type VideoDescription } from "@/lib/schemas/video";
import { critiqueFromMetrics } from "../offline/critique";
import { describeFromMetrics } from "../offline/describe";
import { measureImage, type ImageMetrics } from "../offline/image-metrics";
import { detectLanguage, type Language } from "../offline/language";
import { applyFixes } from "../offline/revise";
import type { DescribeVideoInput, DescribeVideoOutput, VideoCritiqueInput, VideoCritiqueOutput } from "./types";
import type { VideoEvidence } from "./read-video";

/**
 * The Offline engine's reading of a clip: the image engine's pixel measures on every sampled
 * frame, plus motion between neighbouring frames (how much of the picture changes per second,
 * sudden jumps, brightness flicker). It cannot recognise objects or read text, and says so.
 */

export type FrameMeasure = { at: number; label: string; reason: "even" | "scene"; metrics: ImageMetrics; critique: Critique };
/** Change between a frame and the one before it: mean absolute luma difference (0–1), per second. */
export type MotionStep = { from: string; to: string; at: string; change: number; perSecond: number; brightnessJump: number; cut: boolean };
export type VideoMeasures = { frames: FrameMeasure[]; motion: MotionStep[] };

const THUMB = { width: 64, height: 36 };
const MOTION_WORDS = /\b(move|moves|moving|motion|walk|walking|run|running|fly|flying|pan|panning|zoom|zooming|dolly|orbit|spin|spinning|rotate|rotating|drift|drifting|flow|flowing|dance|dancing|wave|waves|animate|animated|timelapse|time-lapse)\b|移动|运动|飞|走|旋转|推进|摇镜/i;

async function thumbnail(bytes: Uint8Array): Promise<Uint8Array> {
  return sharp(bytes).resize(THUMB.width, THUMB.height, { fit: "fill" }).greyscale().raw().toBuffer();
}

export async function measureVideo(input: { video: VideoEvidence; prompt: string; draft: string; language?: Language }): Promise<VideoMeasures> {
  const frames: FrameMeasure[] = [];
  const thumbs: Uint8Array[] = [];
  for (const frame of input.video.frames) {
    const metrics = await measureImage(frame.bytes);
    frames.push({ at: frame.at, label: frame.label, reason: frame.reason, metrics, critique: critiqueFromMetrics({ metrics, prompt: input.prompt, draft: input.draft, language: input.language }) });
    thumbs.push(await thumbnail(frame.bytes));
  }
  const motion = frames.slice(1).map((frame, i) => {
    const before = frames[i]!;
    const change = meanDifference(thumbs[i]!, thumbs[i + 1]!);
    const dt = Math.max(0.04, frame.at - before.at);
    return { from: before.label, to: frame.label, at: frame.label, change, perSecond: change / dt, brightnessJump: frame.metrics.brightness - before.metrics.brightness, cut: frame.reason === "scene" };
  });
  return { frames, motion };
}

function meanDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length / 255;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

type MotionFinding = { issue: Omit<VideoCritiqueIssue, "id">; id: string; penalty: Partial<Record<VideoAspectKey, number>> };

const words = {
  static: { en: "The clip barely moves: from frame to frame almost nothing changes.", zh: "画面几乎不动：各帧之间几乎没有变化。" },
  staticFix: { en: 'Ask for movement: add "slow, steady camera push-in, the subject moves".', zh: "要求运动：加入“缓慢平稳的推镜，主体在动”。" },
  jump: { en: (from: string, to: string) => `The picture jumps between ${from} and ${to} without a cut: far more changes there than anywhere else.`, zh: (from: string, to: string) => `${from} 到 ${to} 之间画面突然跳变（并非剪辑），变化远大于其他时刻。` },
  jumpFix: { en: 'Ask for continuity: add "smooth, continuous motion, no sudden changes".', zh: "要求连贯：加入“平滑连续的运动，没有突变”。" },
  flicker: { en: (at: string) => `The brightness flickers around ${at}: it rises and falls again between neighbouring frames.`, zh: (at: string) => `${at} 附近亮度闪烁：相邻帧之间忽明忽暗。` },
  flickerFix: { en: 'Ask for stable light: add "consistent lighting, no flicker".', zh: "要求稳定光线：加入“光线一致，不闪烁”。" },
};

/** Motion and temporal consistency from the steps between frames (cuts excluded). */
function judgeMotion(input: { steps: MotionStep[]; wantsMotion: boolean; language: Language }): { score: number; findings: MotionFinding[]; sentence: string } {
  const { language } = input;
  const steps = input.steps.filter((s) => !s.cut);
  if (steps.length === 0) return { score: 7, findings: [], sentence: language === "zh" ? "每个镜头只取到一帧，无法测量运动。" : "Each shot has one sampled frame, so motion could not be measured." };
  const typical = median(steps.map((s) => s.perSecond));
  const findings: MotionFinding[] = [];
  let score = 8.5;
  if (typical < 0.004) {
    score = input.wantsMotion ? 4 : 6.5;
    findings.push({ id: "motion-static", penalty: {}, issue: { aspect: "motion", severity: input.wantsMotion ? "high" : "low", at: steps[0]!.from, problem: words.static[language], fix: words.staticFix[language] } });
  }
  const jump = steps.find((s) => s.change > 0.08 && s.change > 4 * Math.max(median(steps.map((x) => x.change)), 0.005));
  if (jump) {
    score -= 2;
    findings.push({ id: "motion-jump", penalty: { artifacts: 1.5 }, issue: { aspect: "motion", severity: "medium", at: jump.from, problem: words.jump[language](jump.from, jump.to), fix: words.jumpFix[language] } });
  }
  const flicker = steps.find((s, i) => i > 0 && Math.abs(s.brightnessJump) > 0.1 && Math.sign(s.brightnessJump) === -Math.sign(steps[i - 1]!.brightnessJump) && Math.abs(steps[i - 1]!.brightnessJump) > 0.1);
  if (flicker) {
    score -= 1.5;
    findings.push({ id: "motion-flicker", penalty: { artifacts: 1 }, issue: { aspect: "motion", severity: "medium", at: flicker.from, problem: words.flicker[language](flicker.from), fix: words.flickerFix[language] } });
  }
  const percent = Math.round(typical * 1000) / 10;
  const sentence = language === "zh" ? `每秒约有 ${percent}% 的画面发生变化。` : `About ${percent}% of the picture changes per second.`;
  return { score: Math.max(0, Math.min(10, score)), findings, sentence };
}

const ASPECT_OF: Record<CritiqueIssue["aspect"], VideoAspectKey> = { promptAdherence: "promptAdherence", composition: "composition", typography: "text", colorLighting: "composition", artifacts: "artifacts" };

/** Each image issue once, at the first frame that shows it, with how many frames show it. */
function frameIssues(frames: FrameMeasure[], language: Language): Array<VideoCritiqueIssue & { fixSource: CritiqueIssue }> {
  const byId = new Map<string, { first: FrameMeasure; issue: CritiqueIssue; count: number }>();
  for (const frame of frames) {
    for (const issue of frame.critique.issues) {
      const seen = byId.get(issue.id);
      if (seen) seen.count += 1;
      else byId.set(issue.id, { first: frame, issue, count: 1 });
    }
  }
  return [...byId.values()].map(({ first, issue, count }) => ({
    ...issue,
    aspect: ASPECT_OF[issue.aspect],
    at: first.label,
    problem: `${issue.problem}${language === "zh" ? `（${frames.length} 帧中有 ${count} 帧）` : ` (${count} of ${frames.length} frames)`}`,
    fixSource: issue,
  }));
}

function withoutFixSource(issue: VideoCritiqueIssue & { fixSource: CritiqueIssue }): VideoCritiqueIssue {
  const { id, aspect, severity, at, problem, fix } = issue;
  return { id, aspect, severity, at, problem, fix };
}

const severityRank = { high: 0, medium: 1, low: 2 } as const;
const weights: Record<VideoAspectKey, number> = { promptAdherence: 0.3, motion: 0.2, composition: 0.2, text: 0.1, artifacts: 0.2 };

export function critiqueFromMeasures(input: { measures: VideoMeasures; prompt: string; draft: string; language: Language; duration: number }): VideoCritique {
  const { measures, language } = input;
  const frames = measures.frames;
  const motion = judgeMotion({ steps: measures.motion, wantsMotion: MOTION_WORDS.test(`${input.prompt} ${input.draft}`), language });
  const penalty = (key: VideoAspectKey) => motion.findings.reduce((sum, f) => sum + (f.penalty[key] ?? 0), 0);
  const avg = (key: keyof Critique["aspects"]) => mean(frames.map((f) => f.critique.aspects[key]));
  const aspects = {
    promptAdherence: round1(avg("promptAdherence")),
    motion: round1(motion.score),
    composition: round1((avg("composition") * 2 + avg("colorLighting")) / 3),
    text: round1(avg("typography")),
    artifacts: round1(Math.max(0, avg("artifacts") - penalty("artifacts"))),
  };
  const fromFrames = frameIssues(frames, language);
  const issues = [...motion.findings.map((f) => ({ ...f.issue, id: f.id })), ...fromFrames.map(withoutFixSource)]
    .sort((a, b) => severityRank[a.severity] - severityRank[b.severity])
    .slice(0, 6);
  const overall = round1((Object.keys(weights) as VideoAspectKey[]).reduce((sum, k) => sum + aspects[k] * weights[k], 0));
  const revisedPrompt = applyFixes({ prompt: input.prompt, issues: issues.map((i) => fromFrames.find((f) => f.id === i.id)?.fixSource ?? { id: i.id, fix: i.fix }) });
  return videoCritiqueSchema.parse({
    overall,
    aspects,
    summary: summary({ frames: frames.length, duration: input.duration, motion: motion.sentence, language, overall }),
    strengths: strengths(aspects, language),
    issues,
    revisedPrompt,
  });
}

function summary(input: { frames: number; duration: number; motion: string; language: Language; overall: number }): string {
  if (input.language === "zh") return `离线测量：${input.duration.toFixed(1)} 秒的片段，取样 ${input.frames} 帧，综合 ${input.overall}/10。${input.motion}离线引擎只测量像素和运动，不识别物体，也不读取文字。`;
  return `Offline measurement of a ${input.duration.toFixed(1)} s clip from ${input.frames} sampled frames, ${input.overall}/10 overall. ${input.motion} The Offline engine measures pixels and motion; it does not recognise objects or read text.`;
}

function strengths(aspects: VideoCritique["aspects"], language: Language): string[] {
  const out: string[] = [];
  if (aspects.motion >= 8) out.push(language === "zh" ? "运动平稳连贯，没有跳变或闪烁。" : "Motion is steady and continuous, with no jumps or flicker.");
  if (aspects.artifacts >= 8) out.push(language === "zh" ? "各帧画面干净。" : "Frames are clean throughout.");
  if (aspects.composition >= 7.5) out.push(language === "zh" ? "构图在整个片段中保持稳定。" : "The composition holds up across the clip.");
  return out;
}

export async function offlineCritiqueVideo(input: VideoCritiqueInput & { model: string }): Promise<VideoCritiqueOutput> {
  input.signal?.throwIfAborted();
  const language = input.language ?? detectLanguage(input.draft || input.prompt);
  const measures = await measureVideo({ video: input.video, prompt: input.prompt, draft: input.draft, language });
  return { critique: critiqueFromMeasures({ measures, prompt: input.prompt, draft: input.draft, language, duration: input.video.facts.durationSeconds }), usage: zeroUsage, model: input.model };
}

/** Scenes split at scene changes; text bands noted as present but not read; speech from a transcript when there is one. */
export async function offlineDescribeVideo(input: DescribeVideoInput & { model: string }): Promise<DescribeVideoOutput> {
  input.signal?.throwIfAborted();
  const { video } = input;
  // A description has no prompt; the per-frame critiques measureVideo also writes are not used here, and an
  // empty prompt would make an empty revised prompt (which the critique schema rightly refuses) for some clips.
  const measures = await measureVideo({ video, prompt: "a video clip", draft: "a video clip", language: input.language });
  const frames = measures.frames;
  const starts = frames.filter((f, i) => i === 0 || f.reason === "scene");
  const last = frames.at(-1)!;
  const scenes = starts.map((start, i) => {
    const end = starts[i + 1] ? frames[frames.indexOf(starts[i + 1]!) - 1] ?? start : last;
    const looks = describeFromMetrics(start.metrics);
    return { start: start.label, end: end.label, description: `${looks.style}; palette ${looks.palette.join(", ")}; ${looks.composition}` };
  });
  const onScreenText = frames.filter((f) => (f.metrics.textBand?.strength ?? 0) > 0.5).slice(0, 10).map((f) => ({ at: f.label, text: describeFromMetrics(f.metrics).text || "a line that looks like type (not read)" }));
  const speech = (video.transcript?.segments ?? []).slice(0, 40).map((s) => ({ at: s.label, text: s.text.slice(0, 600) }));
  const { facts } = video;
  const motion = judgeMotion({ steps: measures.motion, wantsMotion: false, language: "en" });
  const description: VideoDescription = videoDescriptionSchema.parse({
    summary: `A ${facts.durationSeconds.toFixed(1)} s clip, ${facts.width}×${facts.height}, in ${scenes.length} ${scenes.length === 1 ? "shot" : "shots"}. ${motion.sentence} Offline: measured from pixels — subjects are not recognised and text is not read.`,
    scenes,
    onScreenText,
    speech,
    audio: [video.audio.description, video.transcriptNote].filter(Boolean).join(" ").slice(0, 400),
    keyInformation: [
      `${facts.durationSeconds.toFixed(1)} s, ${facts.width}×${facts.height}${facts.fps ? `, ${facts.fps} fps` : ""}, ${facts.videoCodec.toUpperCase()}`,
      scenes.length > 1 ? `Cuts at ${starts.slice(1).map((s) => s.label).join(", ")}` : "One continuous shot",
      ...(onScreenText.length ? [`Text appears at ${onScreenText.map((t) => t.at).join(", ")} (not read)`] : []),
      ...(video.transcript?.text ? [`Speech: ${video.transcript.text.slice(0, 300)}`] : []),
    ],
  });
  return { description, usage: zeroUsage, model: input.model };
}
