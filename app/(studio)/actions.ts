"use server";

import type { Result } from "@/lib/errors";
import { critiqueLanguage } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import type { IterationView } from "@/lib/schemas/iteration";
import { parseInput } from "@/lib/schemas/parse";
import {
  critiqueRequestSchema,
  generateRequestSchema,
  generateVideoRequestSchema,
  type GenerateVideoRequest,
  reviseRequestSchema,
  type CritiqueRequest,
  type GenerateAnswer,
  type GenerateRequest,
  type ReviseRequest,
} from "@/lib/schemas/studio-requests";
import { critique } from "@/lib/workflows/critique";
import { generate } from "@/lib/workflows/generate";
import { generateVideo } from "@/lib/workflows/generate-video";
import { env } from "@/lib/env";
import { revise, type Revision } from "@/lib/workflows/revise";
import { paidAction } from "./paid-action";

/*
 * The studio's loop as server actions. Each one parses its input with zod, acts for the owner
 * the cookie names, calls a workflow (lib/workflows, where the two pipelines meet) and answers
 * with a typed Result — never a thrown error, a stack trace or a key.
 */

export async function generateAction(raw: GenerateRequest): Promise<Result<GenerateAnswer>> {
  return paidAction(({ ownerId, deadline }) => generate({ ownerId, input: parseInput(generateRequestSchema, raw), deadline }));
}

/** Output "Video" and Animate. A provider's clip may take minutes: the deadline is the video one, with room to store the clip. */
export async function generateVideoAction(raw: GenerateVideoRequest): Promise<Result<GenerateAnswer>> {
  return paidAction(({ ownerId, deadline }) => generateVideo({ ownerId, input: parseInput(generateVideoRequestSchema, raw), deadline }), { ms: env().LOUPE_VIDEO_TIMEOUT_MS + 60_000 });
}

export async function critiqueAction(raw: CritiqueRequest): Promise<Result<IterationView>> {
  return paidAction(async ({ ownerId, deadline }) => {
    const { iterationId, alsoTried } = parseInput(critiqueRequestSchema, raw);
    // The critique is read in the studio, so it speaks the studio's language.
    return critique({ ownerId, iterationId, alsoTried, language: critiqueLanguage(await getLocale()), deadline });
  });
}

export async function reviseAction(raw: ReviseRequest): Promise<Result<Revision>> {
  return paidAction(({ ownerId, deadline }) => revise({ ownerId, input: parseInput(reviseRequestSchema, raw), signal: deadline.signal }));
}
