import "server-only";
import { z } from "zod";
import { critiqueRequestSchema } from "@/lib/schemas/studio-requests";
import { sendJob, type JobData } from "./engine";

/*
 * Render → critique, chained on the server: the render job sends its iteration's critique job
 * itself, so a closed tab still ends with a critiqued iteration. The browser only waits for that
 * job (it joins it by the same key, app/(studio)/actions.ts awaitCritiqueAction).
 */

export const critiqueLanguageSchema = z.enum(["en", "zh"]);
export type CritiqueLanguage = z.infer<typeof critiqueLanguageSchema>;

export const critiqueJobInputSchema = critiqueRequestSchema.extend({ language: critiqueLanguageSchema });
export type CritiqueJobInput = z.infer<typeof critiqueJobInputSchema>;

/**
 * One key per iteration: a retried render job, the after-restart path and the browser's wait all
 * name the same critique job, so it runs (and is charged) once.
 */
export const chainedCritiqueKey = (iterationId: string): string => `${iterationId}:critique`;

/**
 * Whether a finished render chains its critique, and in which language; null when it does not.
 * `critiqueAfter` absent is a request from before the server chained (its browser asks for the
 * critique itself): it chains only when that requester is gone, in English if no language came.
 */
export async function chainedCritique({
  status,
  critiqueAfter,
  language,
  requesterGone,
}: {
  status: string;
  critiqueAfter: boolean | undefined;
  language: CritiqueLanguage | undefined;
  requesterGone: () => Promise<boolean>;
}): Promise<CritiqueLanguage | null> {
  if (status !== "critiquing" || critiqueAfter === false) return null;
  return critiqueAfter || (await requesterGone()) ? (language ?? "en") : null;
}

/** Sends the iteration's critique job (once: its id comes from the iteration's key). */
export function sendChainedCritique({
  data,
  iterationId,
  alsoTried,
  language,
}: {
  data: Pick<JobData, "ownerId" | "projectId" | "subjects">;
  iterationId: string;
  alsoTried?: string[];
  language: CritiqueLanguage;
}): Promise<string> {
  const input: CritiqueJobInput = { iterationId, language, ...(alsoTried?.length ? { alsoTried } : {}) };
  return sendJob({ kind: "critique", data: { ownerId: data.ownerId, key: chainedCritiqueKey(iterationId), projectId: data.projectId, subjects: data.subjects ?? [], input } });
}
