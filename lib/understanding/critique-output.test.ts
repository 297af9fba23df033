import { describe, expect, it } from "vitest";
import { LoupeError } from "@/lib/errors";
import { critiqueOutputFormat, parseCritiqueAnswer } from "./critique-output";

const valid = {
  overall: 7.2,
  aspects: { promptAdherence: 8, composition: 7, typography: 6.5, colorLighting: 7, artifacts: 8 },
  summary: "Good start.",
  strengths: ["Clear subject."],
  issues: [{ id: "too-dark", aspect: "colorLighting", severity: "medium", problem: "Dark.", fix: 'Add "bright light".' }],
  revisedPrompt: "a fox, bright light",
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof LoupeError ? error.code : "not a LoupeError";
  }
  return undefined;
}

describe("critique output", () => {
  it("gives the API a schema without the keywords structured output rejects", () => {
    const text = JSON.stringify(critiqueOutputFormat.schema);
    for (const keyword of ['"minimum"', '"maximum"', '"minLength"', '"maxLength"', '"maxItems"']) expect(text).not.toContain(keyword);
    expect(critiqueOutputFormat.schema).toMatchObject({ type: "object", additionalProperties: false });
  });

  it("accepts a valid answer, also inside a code fence", () => {
    expect(parseCritiqueAnswer(JSON.stringify(valid))).toEqual(valid);
    expect(parseCritiqueAnswer("```json\n" + JSON.stringify(valid) + "\n```")).toEqual(valid);
  });

  it("repairs small deviations: out-of-range scores, missing or duplicate ids, over-long text", () => {
    const answer = {
      ...valid,
      overall: 10.7,
      aspects: { ...valid.aspects, artifacts: -1, composition: 7.25 },
      summary: "x".repeat(1500),
      issues: [
        { ...valid.issues[0], id: "" },
        { ...valid.issues[0], id: "Too Dark!" },
        { ...valid.issues[0], id: "too-dark" },
      ],
    };
    const critique = parseCritiqueAnswer(JSON.stringify(answer));
    expect(critique.overall).toBe(10);
    expect(critique.aspects.artifacts).toBe(0);
    expect(critique.aspects.composition).toBe(7.3);
    expect(critique.summary.length).toBe(1200);
    expect(critique.issues.map((i) => i.id)).toEqual(["issue-1", "too-dark", "issue-3"]);
  });

  it("fills a missing overall from the aspects", () => {
    const { overall: _omit, ...rest } = valid;
    expect(_omit).toBe(7.2);
    expect(parseCritiqueAnswer(JSON.stringify(rest)).overall).toBe(7.3);
  });

  it("rejects garbage as claude_error", () => {
    expect(codeOf(() => parseCritiqueAnswer("I'm sorry, I can't help with that."))).toBe("claude_error");
    expect(codeOf(() => parseCritiqueAnswer(JSON.stringify({ verdict: "nice" })))).toBe("claude_error");
    expect(codeOf(() => parseCritiqueAnswer(JSON.stringify({ ...valid, issues: [{ ...valid.issues[0], aspect: "vibes" }] })))).toBe("claude_error");
  });
});
