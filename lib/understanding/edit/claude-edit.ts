import "server-only";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import type { ContentBlockParam, JSONOutputFormat } from "@anthropic-ai/sdk/resources/messages";
import sharp from "sharp";
import { LoupeError } from "@/lib/errors";
import { maskAsWhitePng, readMask } from "@/lib/images/mask";
import { critiqueSchema, type Critique } from "@/lib/schemas/critique";
import { referenceVerdictSchema, regionCritiqueSchema, type ReferenceVerdict } from "@/lib/schemas/edit";
import { z } from "@/lib/schemas/zod";
import { prepareImageForClaude } from "../claude-image";
import { clampScore, isRecord, parseCritiqueAnswer, stripFences, truncate } from "../critique-output";
import type { CritiqueImage, CritiqueInput } from "../types";

/*
 * What a critique sends Claude beyond the render when it is an edit or has a moodboard, in the
 * same single /v1/messages request: each image as an image block right after a text block that
 * says what it is ("Before — …", "Mask — …", "Reference 2 of 3 — palette"), the render last
 * after its own label, the instructions in the user turn (the cached rubric stays the same), and
 * an output format that also asks for `region` and/or `references`, validated with zod.
 */

export const EDIT_LABELS = {
  before: "Before — the image as it was, before the edit:",
  mask: "Mask — white is the painted region, the only part that was meant to change:",
  after: "After — the edited result to critique:",
  render: "The render to critique:",
} as const;

export const referenceLabel = (index: number, count: number, role: string) => `Reference ${index} of ${count} — ${role}:`;

const EDIT_NOTE = `# This image is an edit
The images labelled Before and Mask are the image before the edit and the region the designer painted on it (white = the painted region, the only part meant to change); the image labelled After is the result you critique. The prompt says what the painted region should now show.
- region.followed: does the painted region now show what the prompt asks (the new headline spelled exactly, the new object, the removal)?
- region.outsideChanged: compare After with Before outside the region. Did anything there change: colours, shapes, text, sharpness, the framing?
- region.notes: what changed inside the region against what was asked, and where outside it anything moved.
A change outside the region is an artifacts issue; a region that does not show what was asked is a promptAdherence issue.`;

const MOODBOARD_NOTE = `# Moodboard
The images labelled "Reference N of M — role" are the designer's moodboard. Compare the render with each reference only by its role — style: medium, rendering and texture; subject: what is depicted; palette: the colours; composition: layout and framing — and give each one a verdict in references: its index, its role, a score from 0 to 10 and a short note. Turn the largest gap into an issue whose fix names what to take from that reference.`;

async function imageBlock(image: CritiqueImage): Promise<ContentBlockParam> {
  const prepared = await prepareImageForClaude(image);
  return { type: "image", source: { type: "base64", media_type: prepared.mediaType, data: prepared.base64 } };
}

/** The mask as Claude should see it: white on black at the before image's size, whatever form it was painted in. */
async function visibleMask({ before, mask }: { before: CritiqueImage; mask: CritiqueImage }): Promise<CritiqueImage> {
  const meta = await sharp(before.bytes).metadata();
  const coverage = await readMask({ bytes: mask.bytes, width: meta.autoOrient.width, height: meta.autoOrient.height });
  return { bytes: await maskAsWhitePng(coverage), mediaType: "image/png" };
}

export type EditCritiqueParts = {
  /** Blocks before the render: the moodboard, then Before and Mask. */
  leading: ContentBlockParam[];
  /** The render's own label, right before its image. */
  label: ContentBlockParam;
  /** Instructions appended to the critique's user message. */
  note: string;
  format: JSONOutputFormat;
  parse(text: string): Critique;
};

export async function editCritiqueParts(input: Pick<CritiqueInput, "edit" | "references">): Promise<EditCritiqueParts | undefined> {
  const references = input.references ?? [];
  if (!input.edit && references.length === 0) return undefined;
  const leading: ContentBlockParam[] = [];
  for (const [i, reference] of references.entries()) {
    leading.push({ type: "text", text: referenceLabel(i + 1, references.length, reference.role) }, await imageBlock(reference.image));
  }
  const described = references.flatMap((r, i) => (r.description ? [{ index: i + 1, role: r.role, ...r.description }] : []));
  if (input.edit) {
    leading.push({ type: "text", text: EDIT_LABELS.before }, await imageBlock(input.edit.before));
    leading.push({ type: "text", text: EDIT_LABELS.mask }, await imageBlock(await visibleMask(input.edit)));
  }
  const notes = [...(input.edit ? [EDIT_NOTE] : []), ...(references.length > 0 ? [MOODBOARD_NOTE] : []), ...(described.length > 0 ? [`<moodboard_descriptions>\n${JSON.stringify(described)}\n</moodboard_descriptions>`] : [])];
  const schema = critiqueSchema.omit({ region: true, references: true }).extend({
    ...(input.edit ? { region: regionCritiqueSchema } : {}),
    ...(references.length > 0 ? { references: z.array(referenceVerdictSchema) } : {}),
  });
  return {
    leading,
    label: { type: "text", text: input.edit ? EDIT_LABELS.after : EDIT_LABELS.render },
    note: notes.join("\n\n"),
    format: { type: "json_schema", schema: zodOutputFormat(schema).schema },
    parse: (text) => parseEditCritique({ text, edit: input.edit !== undefined, roles: references.map((r) => r.role) }),
  };
}

const refused = (message: string, cause?: unknown) => new LoupeError("claude_error", { message, cause });

/** The plain critique, plus the region verdict and one verdict per reference (roles as the designer set them). */
export function parseEditCritique({ text, edit, roles }: { text: string; edit: boolean; roles: ReferenceVerdict["role"][] }): Critique {
  const critique = parseCritiqueAnswer(text);
  const raw = JSON.parse(stripFences(text)) as Record<string, unknown>;
  const out: Critique = { ...critique };
  if (edit) {
    const given = isRecord(raw.region) ? raw.region : {};
    const region = regionCritiqueSchema.safeParse({ ...given, notes: truncate(given.notes, 600) });
    if (!region.success) throw refused("Claude's critique of the edit left out the painted region.", region.error);
    out.region = region.data;
  }
  if (roles.length > 0) {
    const given = Array.isArray(raw.references) ? raw.references.filter(isRecord) : [];
    out.references = roles.map((role, i) => {
      const entry = given.find((g) => g.index === i + 1) ?? given[i];
      const verdict = referenceVerdictSchema.safeParse({ index: i + 1, role, score: clampScore(entry?.score), notes: truncate(entry?.notes, 400) });
      if (!verdict.success) throw refused(`Claude's critique left out reference ${i + 1} of the moodboard.`, verdict.error);
      return verdict.data;
    });
  }
  return out;
}
