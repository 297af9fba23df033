import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startOpenAITranscriptionFake } from "@/tests/support/fakes/openai-transcription";
import type { ProviderFake } from "@/tests/support/fakes/provider-fake";
import { MediaError } from "@/lib/media/errors";
import { ffmpegBinary, makeVideo, movWithMjpeg, mp4WithTone, webmWithCuts } from "@/tests/support/video-files";
import { extractPoster, readVideo } from "./read-video";
import { parseScenes } from "./frames";
import { summariseAudio } from "./audio";
import { saveEnv, setEnv } from "@/tests/support/env";

/** Frame extraction, audio and transcripts on real files made by the shipped ffmpeg. */
const dir = mkdtempSync(path.join(tmpdir(), "loupe-read-video-"));
const file = (name: string) => path.join(dir, name);
const KEY = "sk-test-transcription";
const VARS = ["LOUPE_TRANSCRIPTION_MODEL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "LOUPE_VIDEO_MAX_SECONDS", "LOUPE_VIDEO_MAX_BYTES"];
const restore = saveEnv(VARS);
let transcriber: ProviderFake;

beforeAll(async () => {
  transcriber = await startOpenAITranscriptionFake({ apiKey: KEY });
});
afterAll(async () => {
  await transcriber.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  restore();
  transcriber.reset();
});

async function failure(promise: Promise<unknown>): Promise<MediaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaError);
  return error as MediaError;
}

describe("reading a clip", () => {
  it("samples frames at even spacing and at each cut, labelled with their times, as upright JPEGs", async () => {
    const video = await readVideo({ path: webmWithCuts(file("cuts.webm")) });
    expect(video.facts).toMatchObject({ container: "webm", videoCodec: "vp8", width: 320, height: 180, audioCodec: null });
    expect(video.frames.filter((f) => f.reason === "scene").map((f) => f.label)).toEqual(["0:01.0", "0:02.0"]);
    expect(video.frames.map((f) => f.label)).toEqual(["0:00.3", "0:01.0", "0:02.0", "0:02.6"]);
    // The frame after each cut shows the new colour: red, then green, then blue.
    const colours = await Promise.all(video.frames.map(async (f) => (await sharp(f.bytes).stats()).dominant));
    expect(colours.map(({ r, g, b }) => (r > 200 ? "red" : g > 200 ? "green" : b > 200 ? "blue" : "?"))).toEqual(["red", "green", "blue", "blue"]);
    for (const frame of video.frames) expect(frame).toMatchObject({ mediaType: "image/jpeg", width: 320, height: 180 });
    expect(video.audio).toMatchObject({ track: false, loudness: "none", description: "No audio track: the clip is silent." });
    expect(video.transcript).toBeNull();
    expect(video.transcriptNote).toBe("No transcript: the clip has no sound.");
  });

  it("counts the duration of a file written as a stream, whose header has none", async () => {
    const streamed = file("streamed.webm");
    const run = spawnSync(ffmpegBinary, ["-v", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x180:rate=10", "-c:v", "libvpx", "-f", "webm", "pipe:1"], { maxBuffer: 16 << 20 });
    writeFileSync(streamed, run.stdout);
    const video = await readVideo({ path: streamed });
    expect(video.facts.durationSeconds).toBe(3);
    expect(video.frames.map((f) => f.label)).toEqual(["0:00.3", "0:01.1", "0:01.8", "0:02.6"]);
  });

  it("keeps frames at most 1568 px on the long edge", async () => {
    const big = makeVideo({ path: file("big.mp4"), args: ["-f", "lavfi", "-i", "testsrc=duration=1:size=2400x1350:rate=10", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast"] });
    const video = await readVideo({ path: big });
    expect(video.frames.length).toBe(4);
    for (const frame of video.frames) expect([frame.width, frame.height]).toEqual([1568, 882]);
  });

  it("measures the audio honestly, and says there is no transcript when no model is configured", async () => {
    const video = await readVideo({ path: mp4WithTone(file("tone.mp4"), 3) });
    expect(video.facts).toMatchObject({ container: "mp4", videoCodec: "h264", audioCodec: "aac" });
    expect(video.frames.map((f) => f.label)).toEqual(["0:00.3", "0:01.1", "0:01.8", "0:02.6"]);
    expect(video.audio).toMatchObject({ track: true, loudness: "moderate" });
    expect(video.audio.description).toMatch(/^Sound for 3\.0 s of 3\.0 s, moderate \(mean −21 dB, peak −1[78] dB\)\.$/);
    expect(video.transcript).toBeNull();
    expect(video.transcriptNote).toBe("No transcript: no transcription model is configured (LOUPE_TRANSCRIPTION_MODEL), so speech was not transcribed.");
  });

  it("transcribes the speech with the configured model, with times", async () => {
    setEnv({ LOUPE_TRANSCRIPTION_MODEL: "openai:whisper-1", OPENAI_API_KEY: KEY, OPENAI_BASE_URL: transcriber.url });
    const video = await readVideo({ path: mp4WithTone(file("speech.mp4"), 3) });
    const request = transcriber.requests.find((r) => r.path === "/v1/audio/transcriptions")!;
    expect(request.body).toMatchObject({ model: "whisper-1", response_format: "verbose_json", "timestamp_granularities[]": "segment", file: { type: "audio/mpeg" } });
    expect(video.transcript).toMatchObject({ model: "openai:whisper-1", language: "en" });
    expect(video.transcript!.segments.map((s) => [s.label, s.text])).toEqual([
      ["0:00", "Sentence 1 of the narration."],
      ["0:02", "Sentence 2 of the narration."],
    ]);
    expect(video.transcriptNote).toBe("");
  });

  it("does not send a silent soundtrack to the transcription model", async () => {
    setEnv({ LOUPE_TRANSCRIPTION_MODEL: "openai:whisper-1", OPENAI_API_KEY: KEY, OPENAI_BASE_URL: transcriber.url });
    const silent = makeVideo({ path: file("silent-track.mp4"), args: ["-f", "lavfi", "-i", "testsrc=duration=2:size=320x180:rate=10", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"] });
    const video = await readVideo({ path: silent });
    expect(video.audio.loudness).toBe("silent");
    expect(video.transcript).toBeNull();
    expect(transcriber.requests).toEqual([]);
  });

  it("refuses a codec browsers do not play, a clip past the longest allowed, and a file with no decodable frames", async () => {
    expect((await failure(readVideo({ path: movWithMjpeg(file("mjpeg.mov")) }))).reason).toBe("unsupported_codec");
    setEnv({ LOUPE_VIDEO_MAX_SECONDS: "2" });
    const long = await failure(readVideo({ path: mp4WithTone(file("long.mp4"), 3) }));
    expect(long.reason).toBe("too_long");
    expect(long.message).toBe("The video is 0:03 long; the most Loupe reads is 0:02.");
    setEnv({ LOUPE_VIDEO_MAX_SECONDS: undefined });
    const good = mp4WithTone(file("for-blanking.mp4"), 2);
    const bytes = (await import("node:fs")).readFileSync(good);
    const at = bytes.indexOf("mdat");
    bytes.fill(0, at + 4);
    writeFileSync(file("blank.mp4"), bytes);
    expect((await failure(readVideo({ path: file("blank.mp4") }))).reason).toBe("no_frames");
    writeFileSync(file("text.mp4"), "this is not a video");
    expect((await failure(readVideo({ path: file("text.mp4") }))).reason).toBe("unsupported_container");
    writeFileSync(file("empty.webm"), "");
    expect((await failure(readVideo({ path: file("empty.webm") }))).reason).toBe("no_frames");
  });

  it("takes a poster a third of the way in, at full size", async () => {
    const poster = await extractPoster({ path: webmWithCuts(file("poster.webm")), durationSeconds: 3 });
    const meta = await sharp(poster).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 320, 180]);
    expect((await sharp(poster).stats()).dominant.g).toBeGreaterThan(200);
  });
});

describe("reading ffmpeg's logs", () => {
  it("pairs scene scores with their frame times", () => {
    const log = "[Parsed_metadata_2 @ 0x1] frame:0    pts:1000  pts_time:1\n[Parsed_metadata_2 @ 0x1] lavfi.scene_score=0.812\n[Parsed_metadata_2 @ 0x1] frame:1    pts:2000  pts_time:2.04\n[Parsed_metadata_2 @ 0x1] lavfi.scene_score=0.44\n";
    expect(parseScenes(log)).toEqual([{ at: 1, score: 0.812 }, { at: 2.04, score: 0.44 }]);
  });

  it("counts silence still open at the end of the clip", () => {
    const log = "mean_volume: -30.0 dB\nmax_volume: -6.0 dB\nsilence_start: 1\nsilence_end: 2 | silence_duration: 1\nsilence_start: 4\n";
    expect(summariseAudio(log, 5)).toMatchObject({ soundSeconds: 3, loudness: "moderate", description: "Sound for 3.0 s of 5.0 s, moderate (mean −30 dB, peak −6 dB)." });
  });
});
