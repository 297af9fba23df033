import "server-only";
import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt";
import { referenceToPrompt, type ReferenceDescription } from "@/lib/schemas/reference";
import type { ModelCapability } from "./capabilities";

/** A reference image a render is grounded in: its bytes for models that take images, its description for the rest. */
export type RenderReference = { bytes: Uint8Array; description: ReferenceDescription };

/** What one model is sent, and the line the iteration keeps about how the reference travelled. */
export type ReferencedPrompt = { prompt: string | { text: string; images: Uint8Array[] }; note: string };

/** The description as words after the prompt; left out when the two would not fit in one prompt. */
export function promptWithDescription({ prompt, description }: { prompt: string; description: ReferenceDescription }): string | undefined {
  const joined = `${prompt}\nIn the style of the reference: ${referenceToPrompt(description)}`;
  return joined.length <= MAX_PROMPT_LENGTH ? joined : undefined;
}

/**
 * Models whose SDK sends input images get the reference's pixels; the rest (and the Local
 * renderer) get its description as words. The stored prompt stays the designer's own either way.
 */
export function referencedPrompt(input: { prompt: string; reference: RenderReference; capability: ModelCapability; label: string }): ReferencedPrompt {
  const { prompt, reference, capability, label } = input;
  const who = `${label} · ${capability.model}`;
  if (capability.imageInput !== "none") return { prompt: { text: prompt, images: [reference.bytes] }, note: `reference sent as an image to ${who}` };
  const described = promptWithDescription({ prompt, description: reference.description });
  if (!described) return { prompt, note: `reference left out for ${who}: the prompt is too long to add its description` };
  return { prompt: described, note: `reference sent as words to ${who} (it takes no image input)` };
}
