import { randomUUID } from "node:crypto";
import path from "node:path";
import { createActionClient, loadActionIds, type ActionClient, type ResponseHook } from "../../bench/action-client";

/** A designer as the server sees one: a cookie jar and the studio's server actions, called over HTTP. */
export type Designer = { client: ActionClient; generate(input: GenerateArgs): Promise<ActionResult> };
/** `critiqueAfter`: as the studio sends it, the render job chains its critique on the server. */
export type GenerateArgs = { prompt: string; providerId?: string; key?: string; projectId?: string | null; n?: number; critiqueAfter?: boolean };
export type ActionResult = { ok: boolean; value?: unknown; error?: { code: string; message: string; retryAfterSeconds?: number } };

// Run from the repository root (npm test does).
const root = process.cwd();
let ids: Map<string, string> | undefined;

export function actionIds(): Map<string, string> {
  ids ??= loadActionIds(path.join(root, ".next"));
  return ids;
}

export function generateInput({ prompt, providerId = "local", key = randomUUID(), projectId = null, n = 1, critiqueAfter }: GenerateArgs) {
  return {
    projectId,
    parentId: null,
    draft: prompt,
    refinedPrompt: "",
    prompt,
    params: { providerId, aspectRatio: "1:1", n },
    refineId: null,
    idempotencyKey: key,
    ...(critiqueAfter === undefined ? {} : { critiqueAfter }),
  };
}

export function designer(baseUrl: string, onResponse?: ResponseHook): Designer {
  const client = createActionClient({ baseUrl, ids: actionIds(), onResponse });
  return {
    client,
    generate: async (input) => (await client.call("generateAction", generateInput(input))).value as ActionResult,
  };
}

/**
 * Gets the owner cookie first (the first render sets it, as in the browser), so that
 * concurrent calls act as one designer rather than as several new ones.
 */
export async function signedInDesigner(baseUrl: string): Promise<Designer> {
  const d = designer(baseUrl);
  const first = await d.generate({ prompt: "a warm-up poster" });
  if (!first.ok) throw new Error(`warm-up render failed: ${JSON.stringify(first.error)}`);
  return d;
}
