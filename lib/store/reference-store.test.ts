import { describe, expect, it } from "vitest";
import { createReferenceStore } from "./reference-store";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("the moodboard in the reference store", () => {
  it("puts references on with a role, changes a role in place, takes one off, and refuses a ninth", () => {
    const store = createReferenceStore({ projectId: null, references: [], activeId: null });
    for (let n = 1; n <= 8; n++) expect(store.getState().setRole(id(n), "style")).toBe(true);
    expect(store.getState().setRole(id(9), "palette")).toBe(false);
    expect(store.getState().moodboard).toHaveLength(8);
    expect(store.getState().setRole(id(2), "palette")).toBe(true);
    expect(store.getState().moodboard[1]).toEqual({ referenceId: id(2), role: "palette" });
    expect(store.getState().setRole(id(1), null)).toBe(true);
    expect(store.getState().setRole(id(9), "composition")).toBe(true);
    expect(store.getState().moodboard.map((m) => m.referenceId)).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map(id));
  });
});
