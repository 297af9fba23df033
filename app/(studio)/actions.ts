"use server";

import { randomUUID } from "node:crypto";
import { toResult, type Result } from "@/lib/errors";
import { chainedCritiqueKey, type CritiqueJobInput } from "@/lib/jobs/chain";
import type { RenderJobInput, VideoRenderJobInput } from "@/lib/jobs/handlers";
import { renderMayRetry } from "@/lib/jobs/retry-rules";
import { runAsJob } from "@/lib/jobs/run";
import { rateLimited } from "@/lib/limits/guard";
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
import { hashRequest } from "@/lib/workflows/generate";
import { revise, type Revision } from "@/lib/workflows/revise";
import { paidAction } from "./paid-action";

/*
 * The studio's loop as server actions. Each one parses its input with zod, acts for the owner
 * the cookie names, calls a workflow (lib/workflows, where the two pipelines meet) and answers
 * with a typed Result — never a thrown error, a stack trace or a key.
 */

/**
 * Generate runs as a render job (lib/jobs): the same key is the same job, and a Retry of a failed
 * render is a new attempt on its row. The job chains the critique itself (critiqueAfter), in the
 * studio's language, so a closed tab still ends critiqued; awaitCritiqueAction waits for it.
 */
export async function generateAction(raw: GenerateRequest): Promise<Result<GenerateAnswer>> {
  return renderAsJob({ kind: "render", parse: () => parseInput(generateRequestSchema, raw) });
}

/** Output "Video" and Animate run as a video-render job: a provider's clip may take minutes, and goes on with the tab closed. */
export async function generateVideoAction(raw: GenerateVideoRequest): Promise<Result<GenerateAnswer>> {
  return renderAsJob({ kind: "video-render", parse: () => parseInput(generateVideoRequestSchema, raw) });
}

/**
 * A render of either kind as its job: keyed by the request's idempotency key, refused if that key
 * named another request, tried again after a failure it may retry, with the studio's language
 * for the critique the job chains.
 */
function renderAsJob({ kind, parse }: { kind: "render" | "video-render"; parse: () => RenderJobInput | VideoRenderJobInput }): Promise<Result<GenerateAnswer>> {
  return toResult(() =>
    rateLimited(async ({ ownerId, subjects }) => {
      const input = { ...parse(), language: critiqueLanguage(await getLocale()) };
      return runAsJob<GenerateAnswer>({ kind, ownerId, subjects, key: input.idempotencyKey, projectId: input.projectId ?? null, input, retryWhen: renderMayRetry, requestHash: hashRequest(input) });
    }),
  );
}

export async function critiqueAction(raw: CritiqueRequest): Promise<Result<IterationView>> {
  return toResult(() =>
    rateLimited(async ({ ownerId, subjects }) => {
      const { iterationId, alsoTried } = parseInput(critiqueRequestSchema, raw);
      // The critique is read in the studio, so it speaks the studio's language.
      const input: CritiqueJobInput = { iterationId, alsoTried, language: critiqueLanguage(await getLocale()) };
      // Each press is its own critique (a Retry after a failure critiques again), so the key is new.
      return runAsJob<IterationView>({ kind: "critique", ownerId, subjects, key: randomUUID(), projectId: null, input });
    }),
  );
}

/**
 * Waits for the critique the render job chained: joins that job by the iteration's key (the same
 * job id, so no second critique and no second charge). A render that chained none (a render job
 * from before the chaining) gets it sent here under that key.
 */
export async function awaitCritiqueAction(raw: CritiqueRequest): Promise<Result<IterationView>> {
  return toResult(() =>
    rateLimited(async ({ ownerId, subjects }) => {
      const { iterationId, alsoTried } = parseInput(critiqueRequestSchema, raw);
      const input: CritiqueJobInput = { iterationId, alsoTried, language: critiqueLanguage(await getLocale()) };
      return runAsJob<IterationView>({ kind: "critique", ownerId, subjects, key: chainedCritiqueKey(iterationId), projectId: null, input });
    }),
  );
}

export async function reviseAction(raw: ReviseRequest): Promise<Result<Revision>> {
  return paidAction(({ ownerId, deadline }) => revise({ ownerId, input: parseInput(reviseRequestSchema, raw), signal: deadline.signal }));
}
