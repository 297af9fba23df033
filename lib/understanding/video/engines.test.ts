import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAnthropicFake, type AnthropicFake } from "@/tests/support/fakes/anthropic";
import { LoupeError } from "@/lib/errors";
import { isTimeMark, videoCritiqueSchema } from "@/lib/schemas/video";
import { makeVideo, mp4WithTone, webmWithCuts } from "@/tests/support/video-files";
import { createClaudeEngine } from "../claude";
import { createOfflineEngine, OFFLINE_MODEL } from "../offline";
import { videoCritiqueOutputFormat } from "./output";
import { readVideo, type VideoEvidence } from "./read-video";

/**
 * Video critique and description on both engines: Claude through the real SDK at the Messages
 * API fake (all frames in one request, each image after its time mark), and the Offline engine
 * on the frames' real pixels and the motion between them.
 */
const KEY = "sk-ant-test-video";
const dir = mkdtempSync(path.join(tmpdir(), "loupe-video-engines-"));
let fake: AnthropicFake;
let cuts: VideoEvidence;

beforeAll(async () => {
  fake = await startAnthropicFake({ apiKey: KEY });
  cuts = await readVideo({ path: webmWithCuts(path.join(dir, "cuts.webm")) });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => fake.reset());

const claude = () => createClaudeEngine({ apiKey: KEY, baseURL: fake.url, auth: "bearer", refineModel: "claude-haiku-5-5", critiqueModel: "claude-sonnet-5-5", timeoutMs: 10_000, maxRetries: 0 });
const offline = () => createOfflineEngine({ chunkDelayMs: 0 });

type Block = { type: string; text?: string; source?: { media_type: string } };
const lastContent = () => ((fake.requests.at(-1)!.body as { messages: Array<{ content: Block[] }> }).messages[0]!.content);

describe("Claude: video critique", () => {
  it("sends every frame in one request, each image after a text block with its time mark, and gets issues that name those moments", async () => {
    const result = await claude().critiqueVideo({ video: cuts, prompt: 'three colour cards, headline "RGB"', draft: "red green blue cards" });
    expect(fake.requests.filter((r) => r.path === "/v1/messages")).toHaveLength(1);
    expect(fake.requests[0]!.kind).toBe("video-critique");
    const content = lastContent();
    const images = content.filter((b) => b.type === "image");
    expect(images).toHaveLength(cuts.frames.length);
    content.forEach((block, i) => {
      if (block.type === "image") expect(content[i - 1]!.text).toMatch(/^Frame \d of 4 — 0:0\d\.\d/);
    });
    expect(content.filter((b) => b.type === "text").map((b) => b.text).slice(0, 4)).toEqual(["Frame 1 of 4 — 0:00.3", "Frame 2 of 4 — 0:01.0 (scene change)", "Frame 3 of 4 — 0:02.0 (scene change)", "Frame 4 of 4 — 0:02.6"]);
    const last = content.at(-1)!.text!;
    expect(last).toContain("<audio>No audio track: the clip is silent.</audio>");
    expect(last).toContain("<transcript>none — No transcript: the clip has no sound.</transcript>");
    expect(result.model).toBe("claude-sonnet-5-5");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    const labels = cuts.frames.map((f) => f.label);
    expect(result.critique.issues.length).toBeGreaterThan(0);
    for (const issue of result.critique.issues) expect(labels).toContain(issue.at);
    expect(result.critique.issues.find((i) => i.aspect === "text")?.problem).toContain('"RGB"');
  });

  it("describes a clip with its scenes, and its speech from the transcript that was sent", async () => {
    const video: VideoEvidence = {
      ...cuts,
      audio: { ...cuts.audio, track: true, loudness: "moderate", description: "Sound for 3.0 s of 3.0 s, moderate (mean −20 dB, peak −3 dB)." },
      transcript: { model: "openai:whisper-1", language: "en", text: "Red. Then green.", segments: [{ at: 0.2, end: 1, label: "0:00", text: "Red." }, { at: 1.1, end: 2, label: "0:01", text: "Then green." }] },
      transcriptNote: "",
    };
    const result = await claude().describeVideo({ video });
    expect(fake.requests[0]!.kind).toBe("video-describe");
    expect(lastContent().at(-1)!.text).toContain("<transcript>\n0:00 — Red.\n0:01 — Then green.\n</transcript>");
    expect(result.description.scenes.map((s) => [s.start, s.end])).toEqual([["0:00.3", "0:00.3"], ["0:01.0", "0:01.0"], ["0:02.0", "0:02.6"]]);
    expect(result.description.speech).toEqual([{ at: "0:00", text: "Red." }, { at: "0:01", text: "Then green." }]);
  });

  it("repairs marks Claude writes loosely, and refuses an answer that is not a video critique", async () => {
    const answer = { overall: 7, aspects: { promptAdherence: 7, motion: 11, composition: 7, text: 8, artifacts: 7 }, summary: "Fine.", strengths: [], issues: [{ id: "Logo Warp", aspect: "motion", severity: "medium", at: "00:02", problem: "The logo warps.", fix: 'Add "rigid logo".' }, { id: "x", aspect: "artifacts", severity: "low", at: "2.5s", problem: "Smear.", fix: "Sharper." }], revisedPrompt: "p, rigid logo" };
    fake.answerNext({ text: JSON.stringify(answer), kind: "video-critique" });
    const { critique } = await claude().critiqueVideo({ video: cuts, prompt: "p", draft: "p" });
    expect(critique.aspects.motion).toBe(10);
    expect(critique.issues.map((i) => [i.id, i.at])).toEqual([["logo-warp", "0:02"], ["x", "0:02.5"]]);
    fake.answerNext({ text: JSON.stringify({ subject: "a cat" }), kind: "video-critique" });
    const error = await claude().critiqueVideo({ video: cuts, prompt: "p", draft: "p" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).message).toBe("Claude answered with something that is not a video critique.");
  });
});

describe("the Messages API fake holds frames to the rules", () => {
  const client = () => new Anthropic({ apiKey: KEY, baseURL: fake.url, maxRetries: 0 });
  const frame = () => ({ type: "image" as const, source: { type: "base64" as const, media_type: "image/jpeg" as const, data: Buffer.from(cuts.frames[0]!.bytes).toString("base64") } });
  const ask = (content: Anthropic.ContentBlockParam[]) => client().messages.create({ model: "claude-sonnet-5-5", max_tokens: 512, messages: [{ role: "user", content }], output_config: { format: videoCritiqueOutputFormat } });

  it("refuses frames sent without their time marks", async () => {
    await expect(ask([frame(), { type: "text", text: "Critique this clip." }])).rejects.toThrow(/frame 1: every frame must be an image block right after a text block/);
  });

  it("refuses a clip sent as anything but image blocks", async () => {
    const video = { type: "document", source: { type: "base64", media_type: "video/mp4", data: "AAAA" } } as unknown as Anthropic.ContentBlockParam;
    await expect(ask([video, { type: "text", text: "Critique this clip." }])).rejects.toThrow(/cannot carry video; send frames as image blocks/);
  });

  it("takes no more than 100 images", async () => {
    const many = Array.from({ length: 101 }, (_, i) => [{ type: "text" as const, text: `Frame ${i + 1} of 101 — 0:00` }, frame()]).flat();
    await expect(ask(many)).rejects.toThrow(/too many images in the request \(101\); the maximum is 100/);
  });
});

describe("Offline: video critique and description", () => {
  it("scores motion from the frames, flags a clip that barely moves at its first mark, and is labelled Offline", async () => {
    const still = await readVideo({ path: makeVideo({ path: path.join(dir, "still.mp4"), args: ["-f", "lavfi", "-i", "color=c=0x336699:size=320x180:rate=10:duration=4", "-c:v", "libx264", "-pix_fmt", "yuv420p"] }) });
    const result = await offline().critiqueVideo({ video: still, prompt: "a paper boat sailing across the bay", draft: "boat moving across water" });
    expect(result.model).toBe(OFFLINE_MODEL);
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedTokens: 0 });
    expect(videoCritiqueSchema.parse(result.critique)).toEqual(result.critique);
    expect(result.critique.aspects.motion).toBeLessThanOrEqual(4);
    expect(result.critique.issues[0]).toMatchObject({ id: "motion-static", aspect: "motion", severity: "high", at: "0:00" });
    expect(result.critique.summary).toMatch(/^Offline measurement of a 4\.0 s clip from 4 sampled frames/);
    expect(result.critique.revisedPrompt).toContain("slow, steady camera push-in, the subject moves");
    for (const issue of result.critique.issues) expect(isTimeMark(issue.at)).toBe(true);
  });

  it("finds no motion problem in a clip whose subject glides steadily", async () => {
    const gliding = makeVideo({
      path: path.join(dir, "gliding.mp4"),
      args: ["-filter_complex", "color=c=0x203040:size=320x180:rate=24:duration=4[bg];color=c=0xf0c020:size=60x60:rate=24:duration=4[box];[bg][box]overlay=x='20+t*50':y=60", "-c:v", "libx264", "-pix_fmt", "yuv420p"],
    });
    const video = await readVideo({ path: gliding });
    const { critique } = await offline().critiqueVideo({ video, prompt: "a yellow square gliding to the right", draft: "square moving right" });
    expect(critique.issues.filter((i) => i.aspect === "motion")).toEqual([]);
    expect(critique.aspects.motion).toBeGreaterThanOrEqual(8);
  });

  it("describes a busy test pattern with a tone (an uploaded MP4) without a prompt to judge it by", async () => {
    // It once failed: the per-frame measures wrote critiques of an empty prompt, whose revised prompt was empty.
    const video = await readVideo({ path: mp4WithTone(path.join(dir, "tone.mp4"), 4) });
    const { description } = await offline().describeVideo({ video });
    expect(description.scenes.length).toBeGreaterThan(0);
    expect(description.audio).toMatch(/No transcript/);
  });

  it("describes the shots between cuts with their marks, and says what it cannot read", async () => {
    const { description, model } = await offline().describeVideo({ video: cuts });
    expect(model).toBe(OFFLINE_MODEL);
    expect(description.scenes.map((s) => [s.start, s.end])).toEqual([["0:00.3", "0:00.3"], ["0:01.0", "0:01.0"], ["0:02.0", "0:02.6"]]);
    expect(description.summary).toContain("in 3 shots");
    expect(description.summary).toContain("Offline: measured from pixels");
    expect(description.audio).toBe("No audio track: the clip is silent. No transcript: the clip has no sound.");
    expect(description.keyInformation).toContain("Cuts at 0:01.0, 0:02.0");
  });
});

describe("Apply revision works on a clip's critique as on an image's", () => {
  it("revises from the kept video issues on both engines", async () => {
    const { critique } = await claude().critiqueVideo({ video: cuts, prompt: 'three colour cards, headline "RGB"', draft: "cards" });
    const all = await claude().revise({ prompt: 'three colour cards, headline "RGB"', draft: "cards", critique });
    expect(all.prompt).toBe(critique.revisedPrompt);
    const first = critique.issues[0]!;
    const some = await claude().revise({ prompt: 'three colour cards, headline "RGB"', draft: "cards", critique, acceptedIssueIds: [first.id] });
    expect(fake.requests.at(-1)!.kind).toBe("revise");
    expect(JSON.stringify(fake.requests.at(-1)!.body)).toContain(`[${first.aspect}] ${first.problem}`);
    expect(some.prompt).toContain("three colour cards");
    const offlineCritique = (await offline().critiqueVideo({ video: cuts, prompt: "three colour cards", draft: "cards moving" })).critique;
    const revised = await offline().revise({ prompt: "three colour cards", draft: "cards moving", critique: offlineCritique });
    // The motion fix of the still blue shot reaches the prompt the same way the critique's own revision wrote it.
    expect(offlineCritique.issues.map((i) => i.id)).toContain("motion-static");
    expect(revised.prompt).toBe(offlineCritique.revisedPrompt);
    expect(revised.prompt).toContain("slow, steady camera push-in, the subject moves");
  });
});

