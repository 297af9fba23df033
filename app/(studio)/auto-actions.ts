"use server";

import { toResult, type Result } from "@/lib/errors";
import { critiqueLanguage } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { startAutoIterate } from "@/lib/jobs/auto";
import { rateLimited } from "@/lib/limits/guard";
import { autoRunRequestSchema, startAutoRunRequestSchema, type AutoRunRequest, type StartAutoRunRequest } from "@/lib/schemas/auto-run";
import { parseInput } from "@/lib/schemas/parse";
import type { AutoRunView } from "@/lib/studio/auto-iterate";
import { cancelAutoRun } from "@/lib/workflows/auto-iterate";

/*
 * Auto-iterate runs on the server, one round job at a time: starting it answers at once with
 * the run, and its rounds reach the studio through the project's event stream — whether the
 * tab that started it is still open or not.
 */

export async function startAutoIterateAction(raw: StartAutoRunRequest): Promise<Result<{ run: AutoRunView; project: { id: string; name: string } }>> {
  return toResult(() =>
    rateLimited(async ({ ownerId, subjects }) => {
      const input = parseInput(startAutoRunRequestSchema, raw);
      // The critiques are read in the studio, so they speak the studio's language.
      return startAutoIterate({ ownerId, subjects, input, language: critiqueLanguage(await getLocale()) });
    }),
  );
}

export async function cancelAutoIterateAction(raw: AutoRunRequest): Promise<Result<AutoRunView>> {
  return toResult(() =>
    rateLimited(async ({ ownerId }) => {
      const { runId } = parseInput(autoRunRequestSchema, raw);
      return cancelAutoRun({ ownerId, runId });
    }),
  );
}
