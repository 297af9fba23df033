import { describe, expect, it } from "vitest";
import { activeCritique, bestImageId } from "./variants";

const c = (imageId: string, overall: number) => ({ imageId, result: { overall } });

describe("bestImageId", () => {
  it("picks the highest overall score, the earlier variant on a tie, and null with no critiques", () => {
    expect(bestImageId([c("a", 6.1), c("b", 7.4), c("c", 7.0)])).toBe("b");
    expect(bestImageId([c("a", 7), c("b", 7)])).toBe("a");
    expect(bestImageId([])).toBeNull();
  });

  it("breaks a tie by variant order, not by the order critiques finished in", () => {
    const images = [
      { id: "a", position: 0 },
      { id: "b", position: 1 },
    ];
    expect(bestImageId([c("b", 7), c("a", 7)], images)).toBe("a");
    expect(activeCritique({ critiques: [c("b", 7), c("a", 7)], images })?.imageId).toBe("a");
  });
});

describe("activeCritique", () => {
  const critiques = [c("a", 6), c("b", 8), c("c", 7)];

  it("defaults to the best-scored variant", () => {
    expect(activeCritique({ critiques })?.imageId).toBe("b");
  });

  it("follows the designer's stored choice, and a per-request choice over that", () => {
    expect(activeCritique({ critiques, selected: "c" })?.imageId).toBe("c");
    expect(activeCritique({ critiques, selected: "c", requested: "a" })?.imageId).toBe("a");
  });

  it("ignores a choice that is not a critiqued image of this iteration", () => {
    expect(activeCritique({ critiques, selected: "gone" })?.imageId).toBe("b");
    expect(activeCritique({ critiques: [], selected: "a" })).toBeUndefined();
  });
});
