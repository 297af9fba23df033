import { afterEach, describe, expect, it } from "vitest";
import { saveEnv, setEnv } from "@/tests/support/env";
import { getUnderstandingEngine } from "./index";

afterEach(saveEnv(["ANTHROPIC_API_KEY", "LOUPE_REFINE_MODEL", "LOUPE_CRITIQUE_MODEL"]));

describe("getUnderstandingEngine", () => {
  it("is Offline without a key and Claude, with the configured models, with one", () => {
    setEnv({ ANTHROPIC_API_KEY: undefined });
    expect(getUnderstandingEngine().info).toMatchObject({ kind: "offline", label: "Offline" });

    setEnv({ ANTHROPIC_API_KEY: "sk-ant-test", LOUPE_REFINE_MODEL: "claude-haiku-5-5", LOUPE_CRITIQUE_MODEL: "claude-opus-5-5" });
    const engine = getUnderstandingEngine();
    expect(engine.info).toEqual({ kind: "claude", label: "Claude", refineModel: "claude-haiku-5-5", critiqueModel: "claude-opus-5-5" });
    expect(getUnderstandingEngine()).toBe(engine);
  });
});
