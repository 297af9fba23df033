import { describe, expect, it } from "vitest";
import { routeProvider } from "./route";

const local = { id: "local", local: true };
const openai = { id: "openai", local: false };

describe("routeProvider", () => {
  it("honours an explicit, configured provider", () => {
    expect(routeProvider({ requested: "local", candidates: [local, openai] })).toBe("local");
    expect(routeProvider({ requested: "openai", candidates: [local, openai] })).toBe("openai");
  });
  it("returns nothing for an unconfigured provider", () => {
    expect(routeProvider({ requested: "openai", candidates: [local] })).toBeUndefined();
  });
  it("routes auto to the first remote provider, else the local renderer", () => {
    expect(routeProvider({ requested: "auto", candidates: [local, openai] })).toBe("openai");
    expect(routeProvider({ requested: "auto", candidates: [local] })).toBe("local");
  });
});
