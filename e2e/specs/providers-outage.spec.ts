import { expect, test } from "../fixtures";
import { control, posts } from "../provider-fakes";

/*
 * Issue 8's "done when", as a designer meets it: both providers are down, the designer
 * double-clicks Generate. The fakes' request logs show one call per provider (the render
 * and its one fallback) and the prompt stays; Retry render — once the providers are back —
 * renders on the same version with one more call, and a reload finds that one version.
 */

async function postStatuses(fake: "fal" | "luma"): Promise<number[]> {
  return (await posts(fake)).map((r) => r.status);
}

test.beforeEach(async () => {
  await Promise.all([control("fal", { reset: true }), control("luma", { reset: true })]);
});

test("double-clicking Generate during a provider outage costs one call each and loses nothing", async ({ studio, page }) => {
  // An outage: every generation request fails until the fakes are reset.
  await Promise.all([control("fal", { failNext: { status: 503, count: 100 } }), control("luma", { failNext: { status: 503, count: 100 } })]);
  const draft = "a paper boat on a rainy street, outage test";
  await studio.open();
  await studio.provider.selectOption("fal");
  await studio.writeDraft(draft);
  await studio.generateButton.dblclick();

  const retry = page.getByTestId("retry-render");
  await expect(retry).toBeVisible({ timeout: 45_000 });
  await expect(studio.formAlert).toContainText(/503/);
  await studio.waitUntilIdle();
  expect(await postStatuses("fal")).toEqual([503]);
  expect(await postStatuses("luma")).toEqual([503]);
  await expect(studio.prompt).toHaveValue(draft);

  // The outage ends: Retry render renders the same version, with one more call.
  await Promise.all([control("fal", { reset: true }), control("luma", { reset: true })]);
  await retry.click();
  await studio.waitForImages();
  await studio.waitUntilIdle();
  expect(await postStatuses("fal")).toEqual([200]);
  expect(await postStatuses("luma")).toEqual([]);
  await expect(studio.history.getByRole("button")).toHaveCount(1);

  // A reload finds that one version, its prompt and its image.
  await page.reload();
  await expect(studio.prompt).toHaveValue(draft);
  await expect(studio.history.getByRole("button")).toHaveCount(1);
  await studio.waitForImages();
});
