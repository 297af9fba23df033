import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("marks added and removed words and keeps the rest", () => {
    const parts = wordDiff({ before: "a red circle on white", after: "a large red circle on black" });
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["large", "black"]);
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["white"]);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe("a red circle on white");
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe("a large red circle on black");
  });

  it("diffs Chinese by word, not as one token", () => {
    const parts = wordDiff({ before: "暖橙色的茶饮海报", after: "深蓝色的茶饮海报" });
    const same = parts.filter((p) => p.kind === "same").map((p) => p.text).join("");
    expect(same).toContain("茶");
    expect(parts.some((p) => p.kind === "removed")).toBe(true);
  });

  it("returns a single same run for identical prompts", () => {
    expect(wordDiff({ before: "same words", after: "same words" })).toEqual([{ kind: "same", text: "same words" }]);
  });
});
