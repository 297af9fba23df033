import { expect, test } from "../fixtures";
import { ports } from "../e2e-env";

/*
 * A server with tiny limits, tried as a designer would: a daily budget that pays for one fal
 * render, and a rate limit of 8 requests a minute per designer. Each refusal says what happened
 * and when to try again, costs no provider call, and leaves the draft and earlier work in place.
 */

const fal = `http://127.0.0.1:${ports.limitsFalFake}`;

async function falRenders(): Promise<number> {
  const log = (await (await fetch(`${fal}/__control`)).json()) as { requests: Array<{ method: string }> };
  return log.requests.filter((r) => r.method === "POST").length;
}

test("a paid render past the day's budget is refused with when it comes back; the free renderer still works", async ({ studio, page, critique }) => {
  await fetch(`${fal}/__control`, { method: "POST", body: JSON.stringify({ reset: true }) });
  const draft = "a lighthouse on a cliff at dusk, teal and amber";
  await studio.open();
  await studio.provider.selectOption("fal");
  await studio.writeDraft(draft);
  await studio.generate();
  await studio.waitForImages();
  await critique.score();
  await studio.waitUntilIdle();
  const firstImage = await studio.firstImageSrc();
  const renderedPrompt = await studio.refinedPrompt.inputValue();
  expect(await falRenders()).toBe(1);

  // The first render used $0.025 of the $0.03 budget: the next paid one is refused before any call.
  await studio.generate();
  await expect(studio.formAlert).toContainText("Today's AI budget for this studio is used up.");
  await expect(studio.formAlert).toContainText(/after midnight UTC, in about \d+ (h|min|s)/);
  await page.screenshot({ path: test.info().outputPath("budget-exhausted.png") });
  expect(await falRenders()).toBe(1);
  await expect(studio.prompt).toHaveValue(draft);
  await expect(studio.refinedPrompt).toHaveValue(renderedPrompt);
  await expect(studio.historyEntries()).toHaveCount(1);
  expect(await studio.firstImageSrc()).toBe(firstImage);

  // The Local renderer is free: the budget does not stand in its way.
  await studio.provider.selectOption("local");
  await studio.generateAndWait(2);
  expect(await falRenders()).toBe(1);
});

test("past the rate limit Refine says when to try again and keeps the draft; the API answers 429 with Retry-After", async ({ studio, page }) => {
  const draft = "a red kite over the dunes, long shadows";
  await studio.open();
  await studio.writeDraft(draft);
  for (let i = 0; i < 8; i += 1) await studio.refine();
  const refined = await studio.refinedPrompt.inputValue();
  await studio.refineButton.click();
  await expect(studio.formAlert).toContainText(/You are sending requests faster than this studio allows\. Try again in \d+ s\./);
  await page.screenshot({ path: test.info().outputPath("rate-limited.png") });
  await expect(studio.prompt).toHaveValue(draft);
  await expect(studio.refinedPrompt).toHaveValue(refined);

  // In Chinese the wait is said in Chinese too.
  await page.getByRole("button", { name: "简体中文" }).click();
  await studio.page.getByRole("button", { name: "润色", exact: true }).click();
  await expect(studio.formAlert).toContainText(/请求过于频繁，请稍后再试。 请在 \d+ 秒后重试。/);
  await page.screenshot({ path: test.info().outputPath("rate-limited-zh.png") });
  await page.getByRole("button", { name: "English" }).click();

  const answer = await page.request.post("/api/refine", { data: { draft } });
  expect(answer.status()).toBe(429);
  const retryAfter = Number(answer.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = (await answer.json()) as { error: { code: string; message: string; retryAfterSeconds: number } };
  expect(body.error).toMatchObject({ code: "rate_limited", retryAfterSeconds: retryAfter });
  expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.js/);
});
