import "server-only";
import { z } from "zod";
import { getDbEngine } from "@/lib/db/client";
import { failInterruptedRender } from "@/lib/db/reliability-queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { runJobScope } from "@/lib/limits/work";
import { parseInput } from "@/lib/schemas/parse";
import { generateRequestSchema, generateVideoRequestSchema, type GenerateAnswer } from "@/lib/schemas/studio-requests";
import { startDeadline, type Deadline } from "@/lib/server/deadline";
import { critique } from "@/lib/workflows/critique";
import { generate } from "@/lib/workflows/generate";
import { generateVideo } from "@/lib/workflows/generate-video";
import { AUTO_LIMITS } from "@/lib/studio/auto-iterate";
import { failAutoRun, runAutoRound } from "@/lib/workflows/auto-iterate";
import { describeReference, referenceJobInputSchema } from "@/lib/workflows/reference";
import { chainedCritique, critiqueJobInputSchema, critiqueLanguageSchema, sendChainedCritique } from "./chain";
import { registerJobHandlers, sendJob, type JobContext, type JobHandler, type JobOutcome } from "./engine";
import { jobDeadlineMs, type JobKind } from "./kinds";
import { jobOutcome } from "./outcome";

/*
 * What each kind of job does: parse its input, run the workflow in a work scope of its own
 * (its budget reservations noted against the job, lib/limits/work.ts) within the action
 * deadline, and answer the outcome. A job may run twice (a retry after its process died), so
 * every handler starts by putting back what an interrupted attempt left half-done.
 */

/** The render job's input: the studio's request, and the designer's language (from the locale) for the critique it chains. */
export const renderJobInputSchema = generateRequestSchema.extend({ language: critiqueLanguageSchema.optional() });
export type RenderJobInput = z.input<typeof renderJobInputSchema>;
/** A clip's render job: the same, for Output "Video" and Animate. */
export const videoRenderJobInputSchema = generateVideoRequestSchema.extend({ language: critiqueLanguageSchema.optional() });
export type VideoRenderJobInput = z.input<typeof videoRenderJobInputSchema>;

const interrupted = () =>
  toPublicError(new LoupeError("internal", { message: "This render was interrupted (the server restarted). It is being tried again.", retryable: true }));

/** Runs `body` as the job's work: its kind's deadline (kinds.ts) and its scope. */
function asJob<T>(context: JobContext, body: (deadline: Deadline) => Promise<T>): Promise<JobOutcome<T>> {
  const deadline = startDeadline(jobDeadlineMs(context.kind));
  const signal = AbortSignal.any([deadline.signal, context.signal]);
  return jobOutcome({
    run: () => runJobScope({ jobId: context.id, subjects: context.data.subjects ?? [], body: () => body({ ...deadline, signal }).catch((error: unknown) => Promise.reject(deadline.explain(error))) }),
    until: Date.now() + deadline.ms,
    signal,
  });
}

const render: JobHandler = (context) =>
  renderThen({ context, parse: (raw) => parseInput(renderJobInputSchema, raw), make: (input, deadline) => generate({ ownerId: context.data.ownerId, input, deadline }) });

/** Output "Video" and Animate: one clip, within the video deadline (kinds.ts). */
const videoRender: JobHandler = (context) =>
  renderThen({ context, parse: (raw) => parseInput(videoRenderJobInputSchema, raw), make: (input, deadline) => generateVideo({ ownerId: context.data.ownerId, input, deadline }) });

type ChainingInput = Pick<z.output<typeof renderJobInputSchema>, "idempotencyKey" | "critiqueAfter" | "alsoTried" | "language">;

/**
 * A render of either kind, then its critique chained here (lib/jobs/chain.ts). The row an
 * interrupted attempt left "generating" is failed first, so this attempt can claim it. The
 * critique is sent before the outcome is recorded, so the browser that waits for the render
 * finds the critique job to join, and a retried render sends the same one again (no second job).
 */
async function renderThen<I extends ChainingInput>({
  context,
  parse,
  make,
}: {
  context: JobContext;
  parse: (raw: unknown) => I;
  make: (input: I, deadline: Deadline) => Promise<GenerateAnswer>;
}): Promise<JobOutcome> {
  const outcome = await asJob(context, async (deadline) => {
    const input = parse(context.data.input);
    await failInterruptedRender({ ownerId: context.data.ownerId, key: input.idempotencyKey, error: interrupted() });
    return make(input, deadline);
  });
  if (!outcome.ok) return outcome;
  // Parsed again: the render's input was valid, or there would be no iteration.
  const { critiqueAfter, language, alsoTried } = parse(context.data.input);
  const { iteration } = outcome.value;
  const chained = await chainedCritique({ status: iteration.status, critiqueAfter, language, requesterGone: () => requesterGone(context) });
  if (chained) await sendChainedCritique({ data: context.data, iterationId: iteration.id, alsoTried, language: chained });
  return outcome;
}

/**
 * A render from before the server chained critiques, handed back after its process died (a
 * retry) or sent before this embedded-database process started: its requester, who would have
 * asked for the critique, died with that process.
 */
async function requesterGone(context: JobContext): Promise<boolean> {
  if (context.retryCount > 0) return true;
  return (await getDbEngine()) === "pglite" && context.createdOn.getTime() < Date.now() - process.uptime() * 1000;
}

const critiqueJob: JobHandler = (context) =>
  asJob(context, async (deadline) => {
    const { iterationId, alsoTried, language } = parseInput(critiqueJobInputSchema, context.data.input);
    return critique({ ownerId: context.data.ownerId, iterationId, alsoTried, language, deadline });
  });

export const autoRoundInputSchema = z.object({ runId: z.uuid(), round: z.number().int().min(1).max(AUTO_LIMITS.rounds.max + 1) });

/** One round of an auto-iterate run; the next round is its own job, sent when this one has recorded its result. */
const autoRound: JobHandler = async (context) => {
  const { ownerId, projectId, subjects = [] } = context.data;
  const { runId, round } = parseInput(autoRoundInputSchema, context.data.input);
  const outcome = await asJob(context, (deadline) => runAutoRound({ ownerId, runId, round, deadline }));
  if (!outcome.ok) await failAutoRun({ ownerId, runId, error: outcome.error });
  else if (outcome.value.next !== null) await sendAutoRound({ ownerId, projectId, subjects, runId, round: outcome.value.next });
  return outcome;
};

/** Sends a round of a run (once: the round's job id is derived from the run and the round). */
export function sendAutoRound({ ownerId, projectId, subjects, runId, round }: { ownerId: string; projectId: string | null; subjects: string[]; runId: string; round: number }): Promise<string> {
  return sendJob({ kind: "auto-round", data: { ownerId, key: autoRoundKey({ runId, round }), projectId, subjects, input: { runId, round } } });
}

export const autoRoundKey = ({ runId, round }: { runId: string; round: number }) => `${runId}:${round}`;

/** A reference's description: the upload stored its bytes, this reads them, describes them and adds the reference to the project. */
const referenceDescription: JobHandler = (context) =>
  asJob(context, (deadline) => {
    const input = parseInput(referenceJobInputSchema, context.data.input);
    return describeReference({ ownerId: context.data.ownerId, jobId: context.id, input, signal: deadline.signal });
  });

const handlers: Record<JobKind, JobHandler> = {
  render,
  critique: critiqueJob,
  "auto-round": autoRound,
  "video-render": videoRender,
  "reference-description": referenceDescription,
};

export function registerHandlers(): void {
  registerJobHandlers(handlers);
}
