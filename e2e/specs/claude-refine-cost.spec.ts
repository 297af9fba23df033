import type { Route } from "@playwright/test";
import { expect, test } from "../fixtures";

type Usage = { inputTokens: number; outputTokens: number; cachedTokens: number };
const free: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };

/** The refine stream's last event, as the browser received it. */
function doneEvent(stream: string): { usage: Usage } {
  const done = stream.split("\n\n").find((chunk) => chunk.startsWith("event: done"));
  if (!done) throw new Error(`no done event in ${stream.slice(0, 200)}`);
  return JSON.parse(/^data: (.+)$/m.exec(done)![1]!) as { usage: Usage };
}

/**
 * A client that rewrites its Generate request to say the refine cost nothing, in every shape it
 * could try; `answers` collects what the server answered to it.
 */
function claimFreeRefine(answers: string[]) {
  return async (route: Route) => {
    const request = route.request();
    const args = request.method() === "POST" && request.headers()["next-action"] ? (JSON.parse(request.postData() ?? "null") as unknown) : null;
    const input = Array.isArray(args) ? (args[0] as Record<string, unknown> | undefined) : undefined;
    if (!input || !("idempotencyKey" in input)) return route.continue();
    const tampered = { ...input, refine: { usage: free, ms: 0 }, refineUsage: free, refineCostUsd: 0 };
    const response = await route.fetch({ postData: JSON.stringify([tampered, ...(args as unknown[]).slice(1)]) });
    answers.push(await response.text());
    await route.fulfill({ response });
  };
}

test("the server prices a refine from its own stream: a client that claims a free refine is still charged for it", async ({ studio, page, critique }) => {
  await studio.open();
  await studio.writeDraft('Poster for a ceramics fair, terracotta and cream, headline "Kiln"');
  const refineAnswer = page.waitForResponse((r) => r.url().endsWith("/api/refine"));
  await studio.refine();
  const refined = doneEvent(await (await refineAnswer).text());
  expect(refined.usage.inputTokens).toBeGreaterThan(0);

  const answers: string[] = [];
  await page.route((url) => url.pathname === "/" || url.pathname.startsWith("/p/"), claimFreeRefine(answers));
  await studio.generate();
  await critique.score();

  // The iteration carries the tokens the server's stream reported, and the critique panel prices them.
  expect(answers).toHaveLength(1);
  const recorded = /"refineUsage":(\{[^}]*\})/.exec(answers[0]!)?.[1];
  expect(JSON.parse(recorded ?? "null")).toEqual(refined.usage);
  await expect(page.getByLabel("Iteration cost")).toContainText(/refine \$0\.\d{3}[1-9]/);
});
