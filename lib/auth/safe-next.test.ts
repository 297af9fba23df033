import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it.each([
    ["/\\evil.example/x"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["//evil.example"],
    ["\\\\evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["/%5Cevil.example"], // stays a path on this origin: percent-encoded backslashes are not separators
  ])("never leaves the origin for %j", (next) => {
    const url = new URL(safeNext(next), "https://studio.example");
    expect(url.origin).toBe("https://studio.example");
  });

  it("keeps same-origin paths, queries and fragments", () => {
    expect(safeNext("/p/1?x=2#y")).toBe("/p/1?x=2#y");
    expect(safeNext("/")).toBe("/");
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext("/\\evil.example/x")).toBe("/");
  });
});
