import "server-only";
import { admitJob } from "@/lib/limits/jobs";
import type { startAutoRunRequestSchema } from "@/lib/schemas/auto-run";
import type { AutoRunView } from "@/lib/studio/auto-iterate";
import { startAutoRun } from "@/lib/workflows/auto-iterate";
import type { z } from "zod";
import { jobIdFor, readJob } from "./engine";
import { autoRoundKey, sendAutoRound } from "./handlers";

/**
 * Starts an auto-iterate run on the server: the run is recorded, then its first round is sent
 * as a job (refused with `too_many_jobs` when the owner's work is at its cap). A replayed start
 * (the same key) finds the run and its round already sent.
 */
export async function startAutoIterate({
  ownerId,
  subjects,
  input,
  language,
}: {
  ownerId: string;
  subjects: string[];
  input: z.output<typeof startAutoRunRequestSchema>;
  language: "en" | "zh";
}): Promise<{ run: AutoRunView; project: { id: string; name: string } }> {
  const started = await startAutoRun({ ownerId, input, language });
  const first = { runId: started.run.id, round: 1 };
  const id = jobIdFor({ ownerId, kind: "auto-round", key: autoRoundKey(first) });
  await admitJob({
    ownerId,
    known: async () => (await readJob({ kind: "auto-round", id })) !== null,
    send: () => sendAutoRound({ ownerId, projectId: started.project.id, subjects, ...first }),
  });
  return started;
}
