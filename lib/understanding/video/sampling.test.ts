import { describe, expect, it } from "vitest";
import { formatTimeMark, parseTimeMark } from "@/lib/schemas/video";
import { chooseTimes, evenFrameCount, evenTimes, frameEdge, MAX_FRAMES, needsTenths } from "./sampling";

describe("how many frames a clip gets", () => {
  it("takes about one a second for short clips, at least four, thinning out for long ones, never past the cap", () => {
    expect([1, 3, 5, 8].map(evenFrameCount)).toEqual([4, 4, 5, 8]);
    expect(evenFrameCount(20)).toBe(12);
    expect(evenFrameCount(60)).toBe(25);
    expect(evenFrameCount(120)).toBe(28);
    expect(evenFrameCount(3600)).toBe(32);
  });

  it("places even samples in the middle of equal slices, never on the first or last instant", () => {
    expect(evenTimes(5)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]);
    expect(evenTimes(2)).toEqual([0.25, 0.75, 1.25, 1.75]);
  });
});

describe("scene changes join the even samples", () => {
  it("adds the first frame of each new shot and drops an even sample right beside it", () => {
    // Even samples at 0.375, 1.125, 1.875, 2.625; the two beside a cut give way to the cut's first frame.
    expect(chooseTimes({ durationSeconds: 3, scenes: [{ at: 1, score: 0.9 }, { at: 2, score: 0.8 }] })).toEqual([
      { at: 0.375, reason: "even" },
      { at: 1, reason: "scene", sceneScore: 0.9 },
      { at: 2, reason: "scene", sceneScore: 0.8 },
      { at: 2.625, reason: "even" },
    ]);
  });

  it("keeps the strongest of scene changes that fall close together, and caps their number", () => {
    const flashes = Array.from({ length: 10 }, (_, i) => ({ at: 2 + i * 0.02, score: 0.4 + i * 0.01 }));
    const chosen = chooseTimes({ durationSeconds: 6, scenes: flashes }).filter((t) => t.reason === "scene");
    expect(chosen).toEqual([{ at: 2.18, reason: "scene", sceneScore: 0.49 }]);
    const cuts = Array.from({ length: 200 }, (_, i) => ({ at: i * 3 + 1, score: 0.5 }));
    const many = chooseTimes({ durationSeconds: 600, scenes: cuts });
    expect(many.length).toBeLessThanOrEqual(MAX_FRAMES);
    expect(many.filter((t) => t.reason === "scene").length).toBe(16);
    expect(many.map((t) => t.at)).toEqual([...many.map((t) => t.at)].sort((a, b) => a - b));
  });

  it("shrinks the frames as their number grows, so a request's image tokens stay bounded", () => {
    expect([4, 12, 13, 24, 25, 40].map(frameEdge)).toEqual([1568, 1568, 1024, 1024, 768, 768]);
  });
});

describe("time marks", () => {
  it("reads as m:ss, h:mm:ss past an hour, and with tenths when frames lie less than a second apart", () => {
    expect(formatTimeMark(2.9)).toBe("0:02");
    expect(formatTimeMark(65)).toBe("1:05");
    expect(formatTimeMark(3723)).toBe("1:02:03");
    expect(formatTimeMark(1.25, { tenths: true })).toBe("0:01.2");
    expect(formatTimeMark(-1)).toBe("0:00");
    expect(needsTenths([0.25, 0.75, 1.25])).toBe(true);
    expect(needsTenths([0.5, 1.5, 2.5])).toBe(false);
  });

  it("parses what it writes, and refuses what is not a mark", () => {
    for (const mark of ["0:02", "1:05", "1:02:03", "0:01.5"]) expect(formatTimeMark(parseTimeMark(mark)!, { tenths: mark.includes(".") })).toBe(mark);
    expect(parseTimeMark("0:61")).toBeNull();
    expect(parseTimeMark("2 seconds")).toBeNull();
    expect(parseTimeMark("")).toBeNull();
  });
});
