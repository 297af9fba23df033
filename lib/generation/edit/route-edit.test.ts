import { describe, expect, it } from "vitest";
import { EditError } from "@/lib/images/edit-errors";
import { capabilities, type ModelCapability } from "../capabilities";
import type { RouteCandidate } from "../route";
import { fitOf, type EditNeeds } from "./fit";
import { planEdit } from "./route-edit";

const labels: Record<string, string> = { local: "Local renderer", openai: "OpenAI", google: "Google", fal: "fal", "black-forest-labs": "Black Forest Labs", luma: "Luma", replicate: "Replicate" };
const defaults: Record<string, string> = { local: "poster-v1", openai: "gpt-image-1", google: "gemini-2.5-flash-image", fal: "fal-ai/flux/dev", "black-forest-labs": "flux-kontext-pro", luma: "photon-1", replicate: "black-forest-labs/flux-1.1-pro" };

function candidates(...providers: string[]): RouteCandidate[] {
  return (capabilities as readonly ModelCapability[]).filter((c) => c.providerId === "local" || providers.includes(c.providerId)).map((capability) => ({ providerId: capability.providerId, label: labels[capability.providerId]!, local: capability.providerId === "local", capability }));
}

const needs = (input: Partial<EditNeeds>): EditNeeds => ({ image: false, mask: false, references: 0, words: false, ...input });
const plan = (input: { providers: string[]; needs: EditNeeds; providerId?: string; model?: string }) =>
  planEdit({ candidates: candidates(...input.providers), needs: input.needs, defaults, maxFallbacks: 2, providerId: input.providerId ?? "auto", model: input.model });
const row = (providerId: string, model: string) => (capabilities as readonly ModelCapability[]).find((c) => c.providerId === providerId && c.model === model)!;

describe("which models can take an edit", () => {
  it("needs a mask-taking model for a painted region, an editing model for an input image, and room or words for references", () => {
    expect(fitOf(row("openai", "gpt-image-1"), needs({ image: true, mask: true }))).toEqual({ ok: true, referencesAs: "none" });
    expect(fitOf(row("google", "gemini-2.5-flash-image"), needs({ image: true, mask: true }))).toEqual({ ok: false, missing: "cannot repaint a painted region: it takes no mask" });
    expect(fitOf(row("fal", "fal-ai/flux-pro/v1/fill"), needs({ image: true }))).toEqual({ ok: false, missing: "only fills a painted region" });
    expect(fitOf(row("fal", "fal-ai/flux/dev"), needs({ image: true }))).toEqual({ ok: false, missing: "cannot edit an input image" });
    // Gemini takes three images: the input and two references as images; a third goes in words, or not at all.
    expect(fitOf(row("google", "gemini-2.5-flash-image"), needs({ image: true, references: 2 }))).toEqual({ ok: true, referencesAs: "images" });
    expect(fitOf(row("google", "gemini-2.5-flash-image"), needs({ image: true, references: 3, words: true }))).toEqual({ ok: true, referencesAs: "words" });
    expect(fitOf(row("google", "gemini-2.5-flash-image"), needs({ image: true, references: 3 })).ok).toBe(false);
    // A fill model takes no reference images; Kontext cannot render from words alone.
    expect(fitOf(row("fal", "fal-ai/flux-pro/v1/fill"), needs({ image: true, mask: true, references: 1, words: true }))).toEqual({ ok: true, referencesAs: "words" });
    expect(fitOf(row("fal", "fal-ai/flux-pro/kontext"), needs({ references: 2, words: true })).ok).toBe(false);
    expect(fitOf(row("local", "poster-v1"), needs({ image: true, mask: true, references: 8 }))).toEqual({ ok: true, referencesAs: "images" });
  });
});

describe("routing an edit", () => {
  it("gives Auto's reason for each kind of edit", () => {
    expect(plan({ providers: ["openai", "fal", "google"], needs: needs({ image: true, mask: true }) })?.[0]?.reason).toBe("a painted region → a model that edits with masks (OpenAI · gpt-image-1)");
    expect(plan({ providers: ["fal", "google"], needs: needs({ image: true }) })?.[0]?.reason).toBe("an input image → a model that edits images (fal · fal-ai/flux-pro/kontext)");
    expect(plan({ providers: ["fal", "google", "luma"], needs: needs({ references: 3, words: true }) })?.[0]?.reason).toBe("3 references → a model that takes several images (fal · fal-ai/flux-pro/kontext/multi)");
    expect(plan({ providers: ["luma"], needs: needs({ references: 2, words: true }) })?.[0]?.reason).toBe("2 references → a model that takes several images (Luma · photon-1) — the references as words, no model here takes them as images");
    expect(plan({ providers: ["luma", "google"], needs: needs({ image: true, mask: true }) })?.[0]).toEqual({ providerId: "local", model: "poster-v1", reason: "a painted region → Local renderer (no configured provider edits with masks)" });
  });

  it("keeps an explicit provider, on its model that can take the edit, and falls back only under Auto", () => {
    expect(plan({ providers: ["fal"], needs: needs({ image: true, mask: true }), providerId: "fal", model: "fal-ai/flux/dev" })).toEqual([{ providerId: "fal", model: "fal-ai/flux-pro/v1/fill", reason: "chosen by the designer" }]);
    expect(plan({ providers: ["black-forest-labs"], needs: needs({ image: true, mask: true }), providerId: "black-forest-labs" })?.[0]?.model).toBe("flux-pro-1.0-fill");
    const auto = plan({ providers: ["openai", "fal", "black-forest-labs"], needs: needs({ image: true, mask: true }) })!;
    expect(auto.map((r) => `${r.providerId}:${r.model}`)).toEqual(["openai:gpt-image-1", "fal:fal-ai/flux-pro/v1/fill", "black-forest-labs:flux-pro-1.0-fill", "local:poster-v1"]);
  });

  it("refuses an explicit provider none of whose models can take the edit, naming those that can", () => {
    const refuse = () => plan({ providers: ["google", "openai", "luma"], needs: needs({ image: true }), providerId: "luma" });
    expect(refuse).toThrow(EditError);
    expect(refuse).toThrow("Luma cannot edit an input image: none of its models takes one. Choose Auto, or one that can: the Local renderer, OpenAI, Google.");
    expect(plan({ providers: ["fal"], needs: needs({ image: true }), providerId: "openai" })).toBeNull();
  });
});
