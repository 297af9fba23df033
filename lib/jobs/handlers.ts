import "server-only";
import { z } from "zod";
import { getDbEngine } from "@/lib/db/client";
import { failInterruptedRender } from "@/lib/db/reliability-queries";
import { LoupeError, toPublicError } from "@/lib/errors";
import { runJobScope } from "@/lib/limits/work";
import { parseInput } from "@/lib/schemas/parse";
import { critiqueRequestSchema, generateRequestSchema, generateVideoRequestSchema, type GenerateAnswer } from "@/lib/schemas/studio-requests";
import { startDeadline, type Deadline } from "@/lib/server/deadline";
import { critique } from "@/lib/workflows/critique";
import { generate } from "@/lib/workflows/generate";
import { generateVideo } from "@/lib/workflows/generate-video";
import { AUTO_LIMITS } from "@/lib/studio/auto-iterate";
import { failAutoRun, runAutoRound } from "@/lib/workflows/auto-iterate";
import { registerJobHandlers, sendJob, type JobContext, type JobHandler, type JobOutcome } from "./engine";
import { jobDeadlineMs, type JobKind } from "./kinds";
import { jobOutcome } from "./outcome";

/*
 * What each kind of job does: parse its input, run the workflow in a work scope of its own
 * (its budget reservations noted against the job, lib/limits/work.ts) within the action
 * deadline, and answer the outcome. A job may run twice (a retry after its process died), so
 * every handler starts by putting back what an interrupted attempt left half-done.
 */

export const critiqueJobInputSchema = critiqueRequestSchema.extend({ language: z.enum(["en", "zh"]) });
export type CritiqueJobInput = z.infer<typeof critiqueJobInputSchema>;

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
  renderThen({ context, parse: (raw) => parseInput(generateRequestSchema, raw), make: (input, deadline) => generate({ ownerId: context.data.ownerId, input, deadline }) });

/** Output "Video" and Animate: one clip, within the video deadline (kinds.ts). */
const videoRender: JobHandler = (context) =>
  renderThen({ context, parse: (raw) => parseInput(generateVideoRequestSchema, raw), make: (input, deadline) => generateVideo({ ownerId: context.data.ownerId, input, deadline }) });

/** A render of either kind: the row an interrupted attempt left "generating" is failed first, so this attempt can claim it. */
async function renderThen<I extends { idempotencyKey: string }>({
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
  const iteration = outcome.ok ? outcome.value.iteration : null;
  if (iteration?.status === "critiquing" && (await requesterGone(context))) await sendOrphanCritique({ context, iterationId: iteration.id });
  return outcome;
}

/**
 * A render handed back after its process died (a retry), or sent before this embedded-database
 * process started, finishes for a designer whose request died with that process: no browser
 * will ask for its critique, and the iteration would stay "critiquing" until the sweeper's
 * deadline. The job asks for it (once: the key is the iteration's).
 */
async function requesterGone(context: JobContext): Promise<boolean> {
  if (context.retryCount > 0) return true;
  return (await getDbEngine()) === "pglite" && context.createdOn.getTime() < Date.now() - process.uptime() * 1000;
}

function sendOrphanCritique({ context, iterationId }: { context: JobContext; iterationId: string }): Promise<string> {
  const { ownerId, projectId, subjects = [] } = context.data;
  // The render request does not say the designer's language; the critique can be asked again in theirs.
  return sendJob({ kind: "critique", data: { ownerId, key: `${iterationId}:after-restart`, projectId, subjects, input: { iterationId, language: "en" } } });
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

const handlers: Record<JobKind, JobHandler> = {
  render,
  critique: critiqueJob,
  "auto-round": autoRound,
  "video-render": videoRender,
};

export function registerHandlers(): void {
  registerJobHandlers(handlers);
}
