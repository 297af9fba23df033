/**
 * What the Anthropic fake (anthropic.ts) knows about clips: Claude has no video input, so a clip
 * arrives as frames — image blocks, each after a text block naming its time mark — and the fake
 * refuses a request that sends a clip any other way, as the real API refuses what it does not
 * take. It also holds the API's image-count limits, and answers a video critique or a video
 * description from the frame labels, the audio line and the transcript it was actually sent.
 */
import { createHash } from "node:crypto";

export type VideoKind = "video-critique" | "video-describe";

type Block = Record<string, unknown> & { type?: unknown };
type Request = { messages: Array<{ role: string; content: string | Block[] }>; output_config?: { format?: { schema?: unknown } } };
export type FrameImage = { width: number; height: number; brightness: number };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A video critique asks for the `motion` aspect; a video description for `scenes`. */
export function videoKindOf(request: Request): VideoKind | null {
  const schema = request.output_config?.format?.schema;
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const aspects = isRecord(properties.aspects) && isRecord(properties.aspects.properties) ? properties.aspects.properties : {};
  if ("motion" in aspects) return "video-critique";
  if ("scenes" in properties && "onScreenText" in properties) return "video-describe";
  return null;
}

const FRAME_LABEL = /^Frame (\d+) of (\d+) — ((?:\d+:)?\d{1,2}:\d{2}(?:\.\d)?)( \(scene change\))?$/;

export type FrameLabel = { index: number; count: number; mark: string; scene: boolean };

/**
 * The frames of a video request, in order, or the reason they are not acceptable: every clip
 * must come as image blocks (no `video` or `document` block carries one), each directly after
 * a text block "Frame N of M — m:ss", numbered in order with non-decreasing marks.
 */
export function readFrames(request: Request): { frames: FrameLabel[] } | { problem: string } {
  const content = request.messages.filter((m) => m.role === "user").flatMap((m) => (typeof m.content === "string" ? [] : m.content));
  const smuggled = content.find((b) => isRecord(b) && (b.type === "video" || (b.type === "document" && isRecord(b.source) && String(b.source.media_type ?? "").startsWith("video/"))));
  if (smuggled) return { problem: `messages: content blocks of type '${String(smuggled.type)}' cannot carry video; send frames as image blocks` };
  const frames: FrameLabel[] = [];
  for (const [i, block] of content.entries()) {
    if (!isRecord(block) || block.type !== "image") continue;
    const before = content[i - 1];
    const label = isRecord(before) && before.type === "text" && typeof before.text === "string" ? FRAME_LABEL.exec(before.text.trim()) : null;
    if (!label) return { problem: `frame ${frames.length + 1}: every frame must be an image block right after a text block "Frame N of M — m:ss"` };
    frames.push({ index: Number(label[1]), count: Number(label[2]), mark: label[3]!, scene: label[4] !== undefined });
  }
  if (frames.length === 0) return { problem: "a video request must send its frames as image blocks; none were found" };
  const seconds = frames.map((f) => f.mark.split(":").reduce((total, part) => total * 60 + Number(part), 0));
  const ordered = frames.every((f, i) => f.index === i + 1 && f.count === frames.length && (i === 0 || seconds[i]! >= seconds[i - 1]!));
  if (!ordered) return { problem: "frames must be numbered 1…M in order, with time marks that never go back" };
  return { frames };
}

/** The API's own limits on images per request: 100, and at most 2000 px a side once there are more than 20. */
export function imageCountProblem(images: FrameImage[]): string | null {
  if (images.length > 100) return `messages: too many images in the request (${images.length}); the maximum is 100`;
  if (images.length > 20 && images.some((i) => i.width > 2000 || i.height > 2000)) return "messages: when a request has more than 20 images, each must be at most 2000 pixels on each side";
  return null;
}

const tag = (text: string, name: string) => new RegExp(`<${name}>\\s*([\\s\\S]*?)\\s*</${name}>`).exec(text)?.[1];

/** A critique whose issues name moments the frames really carry, and depend on the frames' pixels. */
export function fakeVideoCritique(input: { text: string; frames: FrameLabel[]; images: FrameImage[] }) {
  const prompt = (tag(input.text, "prompt") ?? "the clip").trim();
  const seed = createHash("sha256").update(prompt).digest();
  const jitter = (i: number) => ((seed[i] ?? 0) / 255) * 1.2 - 0.6;
  const middle = input.frames[Math.floor(input.frames.length / 2)]!;
  const issues: Array<{ id: string; aspect: string; severity: string; at: string; problem: string; fix: string; phrase: string }> = [
    { id: "edges-shimmer", aspect: "motion", severity: "medium", at: middle.mark, problem: "The subject's edges shimmer and warp slightly as the camera moves.", fix: 'Add "steady camera, the subject keeps a rigid shape".', phrase: "steady camera, the subject keeps a rigid shape" },
  ];
  const dark = input.images.findIndex((i) => i.brightness < 0.25);
  if (dark >= 0) issues.unshift({ id: "too-dark", aspect: "composition", severity: "high", at: input.frames[dark]!.mark, problem: "The shot goes dark; the subject is hard to make out.", fix: 'Add "bright, even lighting throughout".', phrase: "bright, even lighting throughout" });
  const headline = /["“]([^"”]{1,80})["”]/.exec(prompt)?.[1];
  if (headline) issues.push({ id: "headline-late", aspect: "text", severity: "medium", at: input.frames[0]!.mark, problem: `The headline "${headline}" is not readable until late in the clip.`, fix: 'Add "the headline is legible from the first second".', phrase: "the headline is legible from the first second" });
  const penalty = (aspect: string) => issues.filter((i) => i.aspect === aspect).reduce((sum, i) => sum + (i.severity === "high" ? 3 : i.severity === "medium" ? 1.5 : 0.5), 0);
  const score = (base: number, aspect: string, i: number) => Math.round(Math.min(10, Math.max(0, base - penalty(aspect) + jitter(i))) * 10) / 10;
  const aspects = { promptAdherence: score(8, "promptAdherence", 0), motion: score(8.2, "motion", 1), composition: score(8, "composition", 2), text: score(headline ? 7.5 : 8.5, "text", 3), artifacts: score(8.4, "artifacts", 4) };
  const overall = Math.round((Object.values(aspects).reduce((a, b) => a + b, 0) / 5) * 10) / 10;
  const last = input.frames.at(-1)!;
  return {
    overall,
    aspects,
    summary: `A clip seen through ${input.frames.length} frames (0:00–${last.mark}) that follows the prompt's main idea. At ${issues[0]!.at} ${issues[0]!.problem.charAt(0).toLowerCase()}${issues[0]!.problem.slice(1)}`,
    strengths: ["The camera move has a clear direction.", "The palette stays consistent from frame to frame."],
    issues: issues.map(({ id, aspect, severity, at, problem, fix }) => ({ id, aspect, severity, at, problem, fix })),
    revisedPrompt: [prompt, ...issues.map((i) => i.phrase)].join(", "),
  };
}

/** A description built from the frame labels (scenes split at scene changes), the audio line and the transcript lines sent. */
export function fakeVideoDescription(input: { text: string; frames: FrameLabel[] }) {
  const starts = input.frames.filter((f, i) => i === 0 || f.scene);
  const last = input.frames.at(-1)!;
  const scenes = starts.map((start, i) => {
    const next = starts[i + 1];
    const end = next ? input.frames[input.frames.indexOf(next) - 1]! : last;
    return { start: start.mark, end: end.mark, description: `Shot ${i + 1}: the frames from ${start.mark} to ${end.mark}.` };
  });
  const transcript = tag(input.text, "transcript") ?? "";
  const speech = transcript
    .split("\n")
    .map((line) => /^((?:\d+:)?\d{1,2}:\d{2}(?:\.\d)?) — (.+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ at: m[1]!, text: m[2]! }));
  const audio = tag(input.text, "audio") ?? "No audio information.";
  return {
    summary: `A clip of ${input.frames.length} sampled frames in ${scenes.length} ${scenes.length === 1 ? "shot" : "shots"}, ending at ${last.mark}.`,
    scenes,
    onScreenText: [],
    speech,
    audio: speech.length ? `${audio} Speech was transcribed.` : `${audio} ${transcript.startsWith("none") ? "Speech was not transcribed." : ""}`.trim(),
    keyInformation: [`${scenes.length} ${scenes.length === 1 ? "shot" : "shots"}`, ...speech.slice(0, 2).map((s) => `Said at ${s.at}: ${s.text}`)],
  };
}
