import { describe, expect, it } from "vitest";
import { activeReferenceId } from "./reference-view";

const at = (iso: string) => new Date(iso);
const references = [
  { id: "a", createdAt: at("2026-12-01T10:00:00Z") },
  { id: "b", createdAt: at("2026-12-01T11:00:00Z") },
];

describe("the reference a reloaded studio has in use", () => {
  it("is the one the latest render used", () => {
    expect(activeReferenceId({ references, latest: { referenceId: "a", createdAt: "2026-12-01T12:00:00Z" } })).toBe("a");
  });

  it("is none when the latest render went without one after the last upload", () => {
    expect(activeReferenceId({ references, latest: { referenceId: null, createdAt: "2026-12-01T12:00:00Z" } })).toBeNull();
  });

  it("is the newest upload when nothing was rendered since (an upload is put in use at once)", () => {
    expect(activeReferenceId({ references, latest: undefined })).toBe("b");
    expect(activeReferenceId({ references, latest: { referenceId: "a", createdAt: "2026-12-01T10:30:00Z" } })).toBe("b");
    expect(activeReferenceId({ references, latest: { referenceId: null, createdAt: "2026-12-01T10:30:00Z" } })).toBe("b");
  });

  it("is none without references, and ignores a reference id that is not the project's", () => {
    expect(activeReferenceId({ references: [], latest: { referenceId: "x", createdAt: "2026-12-01T12:00:00Z" } })).toBeNull();
    expect(activeReferenceId({ references, latest: { referenceId: "x", createdAt: "2026-12-01T12:00:00Z" } })).toBeNull();
  });
});
