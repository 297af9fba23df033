import { describe, expect, it } from "vitest";
import { videoAspectKeys } from "@/lib/schemas/video";
import { normaliseMark, videoCritiqueOutputFormat, videoDescriptionOutputFormat } from "./output";
import { frameLabel, VIDEO_CRITIQUE_SYSTEM_PROMPT, videoCritiqueUserMessage } from "./prompts";
import type { VideoEvidence } from "./read-video";

/** Paths of objects in a JSON schema that do not close themselves with additionalProperties: false. */
function openObjects(schema: unknown, at = "$"): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => openObjects(item, `${at}[${i}]`));
  if (typeof schema !== "object" || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const own = node.type === "object" && node.additionalProperties !== false ? [at] : [];
  return [...own, ...Object.entries(node).flatMap(([key, value]) => openObjects(value, `${at}.${key}`))];
}

describe("video critique schema and prompt", () => {
  it("asks for the five video aspects and a time mark on every issue, in a schema structured output accepts", () => {
    const schema = videoCritiqueOutputFormat.schema as { properties: { aspects: { properties: object } } };
    expect(Object.keys(schema.properties.aspects.properties)).toEqual([...videoAspectKeys]);
    expect(JSON.stringify(schema)).toContain('"required":["id","aspect","severity","problem","fix","at"]');
    for (const format of [videoCritiqueOutputFormat, videoDescriptionOutputFormat]) {
      const text = JSON.stringify(format.schema);
      for (const keyword of ["pattern", "minimum", "maximum", "minLength", "maxLength", "maxItems"]) expect(text).not.toContain(`"${keyword}"`);
      expect(openObjects(format.schema)).toEqual([]);
    }
  });

  it("tells Claude how frames arrive and to cite their marks; the request carries prompt, draft, audio and transcript", () => {
    expect(VIDEO_CRITIQUE_SYSTEM_PROMPT).toContain('"Frame N of M — <time mark>"');
    expect(VIDEO_CRITIQUE_SYSTEM_PROMPT).toContain("the time mark of the first frame that shows the problem");
    expect(frameLabel({ index: 1, count: 5, label: "0:02", reason: "scene" })).toBe("Frame 2 of 5 — 0:02 (scene change)");
    const video = { facts: { durationSeconds: 5, width: 1280, height: 720 }, frames: [{}, {}], audio: { description: "Sound for 5.0 s of 5.0 s, loud (mean −12 dB, peak −1 dB)." }, transcript: null, transcriptNote: "No transcript: no transcription model is configured (LOUPE_TRANSCRIPTION_MODEL), so speech was not transcribed." } as unknown as VideoEvidence;
    const message = videoCritiqueUserMessage({ video, prompt: "a kite", draft: "kite", previousAttempts: ["a red kite"], language: "zh" });
    expect(message).toBe(`<clip>5.0 s, 1280×720, 2 frames sampled</clip>
<audio>Sound for 5.0 s of 5.0 s, loud (mean −12 dB, peak −1 dB).</audio>
<transcript>none — No transcript: no transcription model is configured (LOUPE_TRANSCRIPTION_MODEL), so speech was not transcribed.</transcript>
<prompt>a kite</prompt>
<draft>kite</draft>
<previous_attempts>
1. a red kite
</previous_attempts>
<language>Simplified Chinese</language>
Critique this clip.`);
  });

  it("normalises loosely written marks and leaves good ones alone", () => {
    expect(["0:02", "0:01.5", "00:02", "2s", "2.5 s", "at 0:07", "1:02:03"].map(normaliseMark)).toEqual(["0:02", "0:01.5", "0:02", "0:02", "0:02.5", "0:07", "1:02:03"]);
    expect(normaliseMark("the middle")).toBe("the middle");
  });
});
