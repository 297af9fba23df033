import "server-only";
import { LoupeError } from "@/lib/errors";
import { keyConflict } from "@/lib/server/idempotency";
import { admitJob } from "@/lib/limits/jobs";
import { awaitJob, jobIdFor, readJob, sendJob, type JobOutcome } from "./engine";
import { jobDeadlineMs, type JobKind } from "./kinds";

/** How many times one key may be tried again after a failure it may retry (a Retry of a failed render). */
const MAX_ATTEMPTS = 5;

/**
 * Sends the designer's intent as a job (once per key: a replay finds the job already sent) and
 * waits for its outcome. The job does not depend on this wait: a closed tab or a lost
 * connection leaves it running, and its progress reaches the project's event stream.
 * `retryWhen` says which finished outcomes a new request with the same key may try again.
 * `requestHash` names what was asked: the same key with another request is refused (`conflict`)
 * rather than answered with the first one's result. Without it (a wait that joins a job another
 * sender made, such as the chained critique) any request under the key joins the job.
 */
export async function runAsJob<T>({
  kind,
  ownerId,
  subjects,
  key,
  projectId,
  input,
  retryWhen = () => false,
  requestHash,
}: {
  kind: JobKind;
  ownerId: string;
  subjects: string[];
  key: string;
  projectId: string | null;
  input: unknown;
  retryWhen?: (outcome: JobOutcome) => boolean | Promise<boolean>;
  requestHash?: string;
}): Promise<T> {
  const reusesKey = (job: { requestHash: string | null } | null) => !!requestHash && !!job?.requestHash && job.requestHash !== requestHash;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const jobKey = attempt === 0 ? key : `${key}#${attempt}`;
    const id = jobIdFor({ ownerId, kind, key: jobKey });
    const earlier = await readJob({ kind, id });
    if (reusesKey(earlier)) throw keyConflict();
    if (earlier?.outcome && (await retryWhen(earlier.outcome))) continue;
    if (!earlier) {
      await admitJob({ ownerId, known: async () => false, send: () => sendJob({ kind, data: { ownerId, key: jobKey, projectId, subjects, input, requestHash } }) });
      // Two different requests sent at once under one key make one job: it answers only its own.
      if (reusesKey(await readJob({ kind, id }))) throw keyConflict();
    }
    const outcome = await awaitJob({ kind, id, timeoutMs: jobDeadlineMs(kind) + 30_000 });
    if (!outcome) throw stillRunning();
    if (!outcome.ok) throw new LoupeError(outcome.error.code, outcome.error);
    return outcome.value as T;
  }
  throw new LoupeError("conflict", { message: "This was tried too many times under one key. Reload the page and try again." });
}

const stillRunning = () =>
  new LoupeError("conflict", {
    message: "This is still running on the server. Its result will appear here when it is done.",
    retryable: true,
    retryAfterSeconds: 5,
  });
