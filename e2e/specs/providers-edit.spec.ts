import { expect, test } from "../fixtures";
import { diffThroughMask, storedPixels } from "../pages/edit-region";
import { control, posts } from "../provider-fakes";

/*
 * A region edit through a provider: fal's fake checks FLUX Fill's request as the API does
 * (image_url and a white-is-the-region mask_url of the same size) and repaints only inside the
 * mask; the stored result, fetched through the API, differs from its input only there.
 */

// Two renders and two critiques on a shared machine: more than the default minute.
test.describe.configure({ timeout: 180_000 });

test.beforeEach(async () => {
  await Promise.all([control("fal", { reset: true }), control("luma", { reset: true })]);
});

test("a painted headline is repainted by fal's FLUX Fill, and only that region changes", async ({ studio, critique, editRegion: painter, page }) => {
  await studio.open();
  await studio.provider.selectOption("fal");
  await studio.writeDraft('a poster with the headline "SUMMER NIGHTS", a city skyline at dusk');
  await studio.generate();
  await critique.score();
  await studio.waitUntilIdle();
  const before = await studio.firstImageSrc();

  await painter.open(studio.results);
  await painter.stroke({ x: 0.1, y: 0.12 }, { x: 0.9, y: 0.12 });
  const maskKey = await painter.apply('headline "WINTER DAYS"');
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await critique.score();
  await studio.waitUntilIdle();
  await expect(studio.results.getByText("fal · fal-ai/flux-pro/v1/fill", { exact: true })).toBeVisible();

  const requests = await posts("fal");
  const fill = requests.at(-1)!;
  expect(fill.path).toContain("fal-ai/flux-pro/v1/fill");
  expect(fill.status).toBe(200);
  // The fake logs each data URI it was sent as its type, size and hash.
  expect(fill.body).toMatchObject({ prompt: expect.stringContaining("WINTER DAYS"), image_url: { mediaType: expect.stringMatching(/^image\//) }, mask_url: { mediaType: "image/png" } });

  const diff = diffThroughMask({
    before: await storedPixels(page, before),
    after: await storedPixels(page, await studio.firstImageSrc()),
    mask: await storedPixels(page, `/api/images/${maskKey}`, 1),
  });
  expect(diff.outsideChanged).toBe(0);
  expect(diff.insideChanged / diff.inside).toBeGreaterThan(0.2);
  await expect(critique.region.getByRole("region", { name: "Painted region" })).toContainText("nothing outside it changed");
});
