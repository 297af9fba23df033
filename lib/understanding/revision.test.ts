import { describe, expect, it } from "vitest";
import type { Critique } from "@/lib/schemas/critique";
import { createOfflineEngine } from "./offline";
import { acceptedIssues, hasEditedFixes } from "./types";

const critique: Critique = {
  overall: 5,
  aspects: { promptAdherence: 5, composition: 5, typography: 5, colorLighting: 5, artifacts: 5 },
  summary: "s",
  strengths: [],
  issues: [
    { id: "too-dark", aspect: "colorLighting", severity: "high", problem: "dark", fix: 'Brighten it: add "bright, airy lighting".' },
    { id: "sky-empty", aspect: "composition", severity: "low", problem: "empty sky", fix: 'Add "a few white clouds".' },
    { id: "kite-small", aspect: "composition", severity: "medium", problem: "kite small", fix: 'Add "a large kite filling the frame".' },
  ],
  revisedPrompt: "a red kite, bright, airy lighting, a few white clouds, a large kite filling the frame",
};

describe("revision builder", () => {
  it("keeps only the accepted points, with the designer's wording where they edited one", () => {
    const kept = acceptedIssues({ critique, acceptedIssueIds: ["sky-empty", "kite-small"], editedFixes: { "kite-small": 'Add "a kite in the upper third".', "too-dark": "ignored" } });
    expect(kept.map((i) => i.id)).toEqual(["sky-empty", "kite-small"]);
    expect(kept[1]!.fix).toBe('Add "a kite in the upper third".');
    expect(hasEditedFixes({ critique, acceptedIssueIds: ["sky-empty"], editedFixes: { "kite-small": "x" } })).toBe(false);
    expect(hasEditedFixes({ critique, acceptedIssueIds: undefined, editedFixes: { "kite-small": "x" } })).toBe(true);
  });

  it("writes no word of a rejected point into the revised prompt, and takes edits and the note", async () => {
    const engine = createOfflineEngine({ chunkDelayMs: 0 });
    const out = await engine.revise({
      prompt: "a red kite",
      draft: "a red kite",
      critique,
      acceptedIssueIds: ["sky-empty", "kite-small"],
      editedFixes: { "kite-small": 'Add "a kite in the upper third".' },
      note: "keep the beach grey",
    });
    expect(out.prompt).not.toContain("bright, airy lighting");
    expect(out.prompt).not.toContain("filling the frame");
    expect(out.prompt).toContain("a few white clouds");
    expect(out.prompt).toContain("a kite in the upper third");
    expect(out.prompt).toContain("keep the beach grey");
  });
});
