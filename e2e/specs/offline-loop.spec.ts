import sharp from "sharp";
import { expect, test } from "../fixtures";

const JAZZ = 'A poster for a night jazz festival, deep blue and gold, headline "Blue Hour"';

test("a draft goes through refine, generate, critique and one-click revision offline", async ({ studio, critique, page }) => {
  await studio.open();
  await expect(page.getByText("Offline", { exact: true })).toBeVisible();
  await expect(studio.provider).toHaveValue("local");

  await studio.writeDraft(JAZZ);
  await studio.refine();
  await expect(studio.refinedPrompt).toHaveValue(/Blue Hour/);

  await studio.generate();
  const first = await studio.firstImageSrc();
  await expect(studio.resultImages().first()).toHaveAttribute("alt", /Blue Hour/);
  const firstScore = await critique.score();
  expect(firstScore).toBeGreaterThanOrEqual(0);
  expect(firstScore).toBeLessThanOrEqual(10);
  await expect(critique.region.getByText(/Offline engine/)).toBeVisible();
  await expect(studio.historyEntries()).toHaveCount(1);

  const promptBefore = await studio.refinedPrompt.inputValue();
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2);
  await critique.score();
  expect(await studio.firstImageSrc()).not.toBe(first);
  expect(await studio.refinedPrompt.inputValue()).not.toBe(promptBefore);
});

test("the project survives a reload, showing its latest version", async ({ studio, critique, page }) => {
  await studio.open();
  await studio.firstIteration(JAZZ);
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2);
  await critique.score();
  const latest = await studio.firstImageSrc();

  await page.reload();
  await expect(studio.historyEntries()).toHaveCount(2);
  await expect(studio.resultImages().first()).toHaveAttribute("src", latest);
});

test("a stored image is served content-addressed, typed and immutable, with a small WebP thumbnail", async ({ studio, page }) => {
  await studio.open();
  await studio.firstIteration(JAZZ);
  const src = await studio.firstImageSrc();
  expect(src).toMatch(/^\/api\/images\/[0-9a-f]{64}\.png$/);

  const response = await page.request.get(src);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["cache-control"]).toContain("immutable");

  // History thumbnails are small WebP renditions of the same bytes; a width not on the list gets the original.
  const thumb = await page.request.get(`${src}?w=96`);
  expect(thumb.headers()["content-type"]).toBe("image/webp");
  expect((await thumb.body()).byteLength).toBeLessThan(25_000);
  expect((await page.request.get(`${src}?w=77`)).headers()["content-type"]).toBe("image/png");
});

test("a download carries the prompt inside the file, and only its owner can download it", async ({ studio, page, browser, baseURL }) => {
  await studio.open();
  await studio.firstIteration(JAZZ);
  const src = await studio.firstImageSrc();

  for (const format of ["png", "webp"]) {
    const download = await page.request.get(`${src}/download?format=${format}`);
    expect(download.headers()["content-type"]).toBe(`image/${format}`);
    expect(download.headers()["content-disposition"]).toContain(`.${format}`);
    // PNG compresses its XMP chunk, so read the metadata back rather than the raw bytes.
    const { xmp } = await sharp(await download.body()).metadata();
    expect(xmp?.toString()).toContain("Blue Hour");
  }
  // Another browser holds no claim on it.
  const stranger = await browser.newContext();
  expect((await stranger.request.get(`${baseURL}${src}/download`)).status()).toBe(404);
  await stranger.close();
});

test("an empty draft gets an inline message and sends nothing", async ({ studio, page }) => {
  await studio.open();
  const requests: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") requests.push(r.url());
  });
  await studio.generate();
  await expect(studio.formAlert).toHaveText("Write a prompt first.");
  await studio.refineButton.click();
  await expect(studio.formAlert).toHaveText("Write a prompt first.");
  expect(requests).toEqual([]);
});

test("a draft over 4,000 characters gets a clear error", async ({ studio }) => {
  await studio.open();
  await studio.writeDraft("poster ".repeat(700));
  await studio.generate();
  await expect(studio.formAlert).toHaveText("Prompts can be at most 4,000 characters.");
});

test("a Chinese draft runs the whole loop", async ({ studio, critique }) => {
  await studio.open();
  await studio.writeDraft("一张极简风格的茶饮海报，暖橙色和米白色，标题「清晨」");
  await studio.refine();
  await expect(studio.refinedPrompt).toHaveValue(/清晨/);
  await studio.generate();
  await studio.firstImageSrc();
  await critique.score();
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2);
});

test("Apply revision with nothing to change says so and adds no duplicate version", async ({ studio, critique }) => {
  await studio.open();
  await studio.writeDraft("A minimal poster of a single red circle on white");
  await studio.generate();
  await critique.score();
  // Reject every suggested fix: the revision then has nothing to apply.
  for (const box of await critique.region.getByRole("checkbox").all()) await box.uncheck();
  await critique.applyRevisionButton.click();
  await expect(studio.formAlert).toContainText("no change to apply");
  await expect(studio.historyEntries()).toHaveCount(1);
});
