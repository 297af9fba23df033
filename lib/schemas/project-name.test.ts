import { describe, expect, it } from "vitest";
import { projectNameFromDraft } from "@/lib/studio/project-name";
import { projectNameSchema } from "./project-name";

describe("project names", () => {
  it.each([
    ["zero-width spaces", "\u200B\u200B"],
    ["bidi overrides and isolates", "\u202E\u2066\u2069\u202C"],
    ["direction marks", "\u200E\u200F\u061C"],
    ["joiners", "\u200D\u200C"],
    ["variation selectors", "\uFE0F\uFE0E"],
    ["Hangul fillers and the braille blank", "\u3164\u115F\u2800"],
    ["a byte-order mark and spaces", "\uFEFF   \u00A0"],
    ["tag characters", "\u{E0041}\u{E0042}"],
  ])("refuses a name made only of %s", (_name, name) => {
    const parsed = projectNameSchema.safeParse(name);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("Give the project a name.");
  });

  it("keeps names in any script, with emoji, and strips what hides text", () => {
    expect(projectNameSchema.parse("  Blue Hour \u202Eposter ")).toBe("Blue Hour poster");
    expect(projectNameSchema.parse("黄昏的灯塔")).toBe("黄昏的灯塔");
    expect(projectNameSchema.parse("ملصق")).toBe("ملصق");
    expect(projectNameSchema.parse("👨\u200D👩\u200D👧")).toBe("👨\u200D👩\u200D👧");
    expect(projectNameSchema.safeParse("x".repeat(121)).success).toBe(false);
  });

  it("a draft that shows nothing names its project Untitled", () => {
    expect(projectNameFromDraft("\u200D\u200F")).toBe("Untitled");
  });
});
