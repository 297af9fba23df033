import { afterEach, describe, expect, it } from "vitest";
import { getUnderstandingEngine } from "./index";

const saved = { ...process.env };
afterEach(() => {
  for (const key of ["ANTHROPIC_API_KEY", "LOUPE_REFINE_MODEL", "LOUPE_CRITIQUE_MODEL"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe("getUnderstandingEngine", () => {
  it("is Offline without a key and Claude, with the configured models, with one", () => {
    delete process.env.ANTHROPIC_API_KEY;
    expect(getUnderstandingEngine().info).toMatchObject({ kind: "offline", label: "Offline" });

    process.env.ANTHROPIC_API_KEY = "sk-ant-test";
    process.env.LOUPE_REFINE_MODEL = "claude-haiku-5-5";
    process.env.LOUPE_CRITIQUE_MODEL = "claude-opus-5-5";
    const engine = getUnderstandingEngine();
    expect(engine.info).toEqual({ kind: "claude", label: "Claude", refineModel: "claude-haiku-5-5", critiqueModel: "claude-opus-5-5" });
    expect(getUnderstandingEngine()).toBe(engine);
  });
});
