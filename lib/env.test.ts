import { afterEach, describe, expect, it } from "vitest";
import { resetEnv, saveEnv, setEnv } from "@/tests/support/env";
import { env, parseEnv } from "./env";

afterEach(saveEnv(["LOUPE_REFINE_MODEL"]));

describe("env", () => {
  it("is parsed once per process: the same object until a test resets it", () => {
    setEnv({ LOUPE_REFINE_MODEL: "claude-haiku-5-5" });
    const first = env();
    expect(env()).toBe(first);
    process.env.LOUPE_REFINE_MODEL = "claude-sonnet-5-5";
    expect(env().LOUPE_REFINE_MODEL).toBe("claude-haiku-5-5");
    resetEnv();
    expect(env().LOUPE_REFINE_MODEL).toBe("claude-sonnet-5-5");
    expect(env()).not.toBe(first);
  });

  it("names every bad value in one line", () => {
    const parse = () => parseEnv({ LOUPE_PROVIDER_FALLBACKS: "many", LOUPE_S3_PREFIX: "images" });
    expect(parse).toThrow(/^Invalid Loupe configuration: LOUPE_PROVIDER_FALLBACKS: .+; LOUPE_S3_PREFIX: LOUPE_S3_PREFIX must be empty or end with \/$/);
  });
});
