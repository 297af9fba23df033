import { expect, test } from "../fixtures";
import { ports } from "../e2e-env";
import { fixtureImage } from "../pages/describe-dialog";

const fake = `http://127.0.0.1:${ports.anthropic}`;

async function control(body: unknown) {
  const response = await fetch(`${fake}/__control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
}

async function requests(): Promise<Array<{ kind: string | null; stream: boolean; status: number }>> {
  return ((await (await fetch(`${fake}/__control`)).json()) as { requests: Array<{ kind: string | null; stream: boolean; status: number }> }).requests;
}

test.afterEach(async () => {
  await control({ reset: true });
});

test("Claude reads a chart: its numbers in the summary, a follow-up from the prompt cache, and the thread after a reload", async ({ studio, describe, page }) => {
  await control({ reset: true });
  await studio.open();
  await describe.open();
  await describe.describe({ name: "quarterly-sales.png", mimeType: "image/png", buffer: fixtureImage("quarterly-sales-chart.png") });
  for (const value of ["120", "340", "275", "410"]) await expect(describe.summary).toContainText(value);
  await expect(describe.summary).toContainText("Quarterly sales 2026");
  await expect(describe.summary.getByText(/^Claude · claude-sonnet-5-5 · [\d,]+ in · [\d,]+ out · 0 cached · \$0\.0\d+$/)).toHaveCount(1);

  await describe.ask("What were the sales in 2026?", 2);
  await expect(describe.summary).toContainText("You asked: What were the sales in 2026?");
  // The image went to the API again, with the conversation; its part of the prompt came from the cache.
  const costs = describe.summary.getByText(/^Claude · /);
  await expect(costs.nth(1)).toHaveText(/· [1-9][\d,]* cached ·/);
  const sent = (await requests()).filter((r) => r.kind === "read");
  expect(sent).toHaveLength(2);
  expect(sent.every((r) => r.stream && r.status === 200)).toBe(true);

  await page.reload();
  await describe.open();
  await describe.waitForAnswer(2);
  await expect(describe.summary).toContainText("410");
  await expect(describe.summary).toContainText("You asked: What were the sales in 2026?");
});

test("a Chinese brief is read in the Chinese UI, its text quoted as written", async ({ page, context }) => {
  await context.addCookies([{ name: "loupe-locale", value: "zh-CN", url: `http://127.0.0.1:${ports.claude}` }]);
  await page.goto("/");
  const dialog = page.getByRole("dialog", { name: "解读图像" });
  await page.getByRole("button", { name: "解读图像", exact: true }).click();
  await dialog.getByLabel("图像或视频", { exact: true }).setInputFiles({ name: "brief.png", mimeType: "image/png", buffer: fixtureImage("chinese-sales-brief.png") });
  const summary = dialog.getByRole("region", { name: "摘要" });
  await expect(summary.getByText(/^Claude · /)).toHaveCount(1, { timeout: 60_000 });
  await expect(summary).toContainText("这是什么");
  await expect(summary).toContainText("第一季度");
});

test("an image Claude declines gets a clear message; the image and the thread stay", async ({ studio, describe }) => {
  await studio.open();
  await describe.open();
  await control({ answerNext: { text: "I can't describe this image.", kind: "read", stopReason: "refusal" } });
  await describe.file.setInputFiles({ name: "quarterly-sales.png", mimeType: "image/png", buffer: fixtureImage("quarterly-sales-chart.png") });
  await expect(describe.alert).toContainText("Claude declined to describe this image");
  await expect(describe.dialog.getByRole("img", { name: "The image being described" })).toBeVisible();
  // Nothing was saved for the refusal; trying again reads it.
  await describe.dialog.getByRole("button", { name: "Try again" }).click();
  await describe.waitForAnswer(1);
  await expect(describe.summary).toContainText("410");
});
