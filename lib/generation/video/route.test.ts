import { describe, expect, it } from "vitest";
import { videoParamsSchema } from "@/lib/schemas/video";
import { videoCapabilities, videoCapabilityFor, type VideoProviderId } from "./capabilities";
import { routeVideoAuto, routeVideoExplicit, videoFallbacks, type VideoCandidate } from "./route";
import { pixelSize, translateVideoParams } from "./translate";

const labels: Record<VideoProviderId, string> = { local: "Local video renderer", fal: "fal", google: "Google", replicate: "Replicate", xai: "xAI" };
const candidatesOf = (...ids: VideoProviderId[]): VideoCandidate[] =>
  videoCapabilities.filter((c) => ids.includes(c.providerId)).map((capability) => ({ providerId: capability.providerId, label: labels[capability.providerId], local: capability.providerId === "local", capability }));

describe("video Auto routing", () => {
  it("uses the Local video renderer when no provider is configured, and says so", () => {
    expect(routeVideoAuto({ candidates: candidatesOf("local"), image: false })).toEqual({ providerId: "local", model: "motion-v1", reason: "no video provider configured → Local video renderer" });
  });

  it("picks the best quality for the price among the configured models", () => {
    expect(routeVideoAuto({ candidates: candidatesOf("local", "fal", "replicate"), image: false })).toEqual({ providerId: "fal", model: "luma-ray-2", reason: "best quality for the price (fal · Luma Ray 2)" });
    // Equal quality: the cheaper per second wins (xAI's Grok Imagine at $0.05 over Luma Ray 2 at $0.10).
    expect(routeVideoAuto({ candidates: candidatesOf("local", "fal", "xai"), image: false }).model).toBe("grok-imagine-video");
  });

  it("sends a first frame to a model that animates images, or to the Local renderer when none does", () => {
    expect(routeVideoAuto({ candidates: candidatesOf("local", "fal", "google"), image: true })).toEqual({ providerId: "google", model: "veo-3.0-generate-001", reason: "first frame given → a model that animates an image (Google · Veo 3)" });
    expect(routeVideoAuto({ candidates: candidatesOf("local", "fal", "replicate"), image: true })).toEqual({ providerId: "local", model: "motion-v1", reason: "no configured video model starts from an image → Local video renderer" });
  });

  it("asks a model that makes a soundtrack when sound is wanted", () => {
    expect(routeVideoAuto({ candidates: candidatesOf("local", "fal", "xai"), image: false, audio: true })).toMatchObject({ providerId: "xai", reason: "sound asked for → a model that makes a soundtrack (xAI · Grok Imagine Video)" });
  });

  it("honours an explicit choice with the provider's default model, and never falls back from it", () => {
    const candidates = candidatesOf("local", "google");
    const route = routeVideoExplicit({ providerId: "google", candidates, defaults: { google: "veo-3.0-fast-generate-001" } })!;
    expect(route).toEqual({ providerId: "google", model: "veo-3.0-fast-generate-001", reason: "chosen by the designer" });
    expect(routeVideoExplicit({ providerId: "google", model: "veo-2.0-generate-001", candidates, defaults: {} })!.model).toBe("veo-2.0-generate-001");
    expect(routeVideoExplicit({ providerId: "fal", candidates, defaults: {} })).toBeUndefined();
    expect(videoFallbacks({ first: route, auto: false, candidates })).toEqual([]);
    expect(videoFallbacks({ first: route, auto: true, candidates })).toEqual([{ providerId: "local", model: "motion-v1", reason: "fallback" }]);
  });
});

describe("video parameter translation", () => {
  const params = (input: Record<string, unknown>) => videoParamsSchema.parse(input);

  it("snaps the duration to a length the model makes, and says so", () => {
    const veo = videoCapabilityFor("google", "veo-3.0-generate-001")!;
    expect(translateVideoParams({ capability: veo, params: params({ durationSeconds: 5 }) })).toMatchObject({ duration: 6, warnings: ["Veo 3 makes 4, 6 or 8 s clips: 5 s became 6 s."] });
    expect(translateVideoParams({ capability: veo, params: params({ durationSeconds: 15 }) }).duration).toBe(8);
    const luma = videoCapabilityFor("fal", "luma-ray-2")!;
    expect(translateVideoParams({ capability: luma, params: params({ durationSeconds: 7 }) }).duration).toBe(9);
    const local = videoCapabilityFor("local", "motion-v1")!;
    expect(translateVideoParams({ capability: local, params: params({ durationSeconds: 7 }) })).toMatchObject({ duration: 7, warnings: [] });
  });

  it("moves an aspect ratio or resolution the model lacks to its closest, and notes missing or forced sound", () => {
    const minimax = videoCapabilityFor("replicate", "minimax/video-01")!;
    const call = translateVideoParams({ capability: minimax, params: params({ aspectRatio: "4:3", resolution: "1080p", audio: true, seed: 3 }) });
    expect(call).toMatchObject({ aspectRatio: "16:9", resolution: "720p", width: 1280, height: 720 });
    expect(call.seed).toBeUndefined();
    expect(call.warnings).toEqual(["MiniMax Video-01 makes 6 s clips: 5 s became 6 s.", "MiniMax Video-01 has no 4:3 clips; it renders 16:9.", "MiniMax Video-01 has no 1080p; it renders 720p.", "MiniMax Video-01 makes silent clips; the clip will have no sound."]);
    const veo = videoCapabilityFor("google", "veo-3.0-fast-generate-001")!;
    expect(translateVideoParams({ capability: veo, params: params({ aspectRatio: "3:4", audio: false, durationSeconds: 8 }) }).warnings).toEqual(["Veo 3 Fast has no 3:4 clips; it renders 9:16.", "Veo 3 Fast always adds a soundtrack."]);
  });

  it("gives even pixel sizes for every resolution and ratio", () => {
    expect(pixelSize("480p", "16:9")).toEqual({ width: 854, height: 480 });
    expect(pixelSize("720p", "9:16")).toEqual({ width: 720, height: 1280 });
    expect(pixelSize("1080p", "4:3")).toEqual({ width: 1440, height: 1080 });
    expect(pixelSize("360p", "1:1")).toEqual({ width: 360, height: 360 });
  });
});
