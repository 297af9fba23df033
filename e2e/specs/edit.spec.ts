import sharp from "sharp";
import { expect, test } from "../fixtures";
import type { CritiquePanel } from "../pages/critique-panel";
import { diffThroughMask, storedPixels, type Pixels } from "../pages/edit-region";
import type { StudioPage } from "../pages/studio-page";

/*
 * Editing what was made, Offline (Local renderer, Offline engine), as a new user would: paint
 * over a render's headline with the mouse and ask for another headline — a pixel diff of the two
 * stored images, fetched through the API, shows that only the painted region changed; continue
 * from a render as input; a three-image moodboard steers a render and its critique.
 */

// Each test renders and critiques two or three times on a shared machine: more than the default minute.
test.describe.configure({ timeout: 180_000 });

/** Same size and layout, visibly changed: most pixels moved a little, the picture is still the same picture. */
function expectSamePicture(a: Pixels, b: Pixels) {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let changed = 0;
  let distance = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i]! - b.data[i]!);
    distance += d;
    if (d > 0) changed++;
  }
  expect(changed / a.data.length).toBeGreaterThan(0.3);
  expect(distance / a.data.length).toBeLessThan(60);
}

const poster = 'a poster with the headline "SUMMER NIGHTS", a city skyline at dusk';

/** One click on Apply revision, then the new version's render and critique. */
async function applyRevision({ studio, critique }: { studio: StudioPage; critique: CritiquePanel }, versions: number) {
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(versions, { timeout: 45_000 });
  await critique.score();
  await studio.waitUntilIdle();
}

test("a region painted with the mouse changes only that region; History and Compare show it with its mask", async ({ studio, critique, editRegion: painter, page }) => {
  await studio.open();
  await studio.firstIteration(poster);
  const before = await studio.firstImageSrc();

  await painter.open(studio.results);
  // The Local renderer sets the headline in the top band: paint across it.
  await painter.stroke({ x: 0.1, y: 0.1 }, { x: 0.9, y: 0.1 });
  await painter.stroke({ x: 0.9, y: 0.18 }, { x: 0.1, y: 0.18 });
  await expect(painter.painted).not.toHaveText("0% of the image painted");
  const maskKey = await painter.apply('headline "WINTER DAYS"');

  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await critique.score();
  await studio.waitUntilIdle();
  const after = await studio.firstImageSrc();
  expect(after).not.toBe(before);

  const diff = diffThroughMask({
    before: await storedPixels(page, before),
    after: await storedPixels(page, after),
    mask: await storedPixels(page, `/api/images/${maskKey}`, 1),
  });
  expect(diff.outsideChanged).toBe(0);
  expect(diff.insideChanged / diff.inside).toBeGreaterThan(0.2);

  // The edit is v1's child, marked as a region edit with its mask drawn on the thumbnail.
  await expect(studio.versionItem(1).getByRole("button", { name: /^v2 / })).toBeVisible();
  await expect(studio.version(2)).toContainText("Region edit");
  await expect(studio.version(2).getByTestId("mask-overlay")).toHaveCount(1);
  // The critique looked at the region and outside it.
  const region = critique.region.getByRole("region", { name: "Painted region" });
  await expect(region).toContainText("nothing outside it changed");

  await page.getByRole("button", { name: "Compare", exact: true }).click();
  const compare = page.getByRole("dialog", { name: "Compare" });
  await expect(compare.getByRole("img", { name: "Before the edit" })).toBeVisible();
  await expect(compare.getByTestId("mask-overlay")).toHaveCount(2);
  await compare.getByRole("checkbox", { name: "Show painted region" }).uncheck();
  await expect(compare.getByTestId("mask-overlay")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(compare).toBeHidden();

  // Apply revision on a region edit paints the same region again, on the image it critiqued:
  // the revised instruction changes the region, and nothing outside it moves.
  await critique.editRevision(() => 'headline "WINTER NIGHTS"');
  await applyRevision({ studio, critique }, 3);
  await expect(studio.versionItem(2).getByRole("button", { name: /^v3 / })).toBeVisible();
  await expect(studio.version(3)).toContainText("Region edit");
  const revised = diffThroughMask({
    before: await storedPixels(page, after),
    after: await storedPixels(page, await studio.firstImageSrc()),
    mask: await storedPixels(page, `/api/images/${maskKey}`, 1),
  });
  expect(revised.outsideChanged).toBe(0);
  expect(revised.insideChanged).toBeGreaterThan(0);
});

test("the painter works from the keyboard, and bad masks get clear messages", async ({ studio, editRegion: painter, page }) => {
  await studio.open();
  await studio.firstIteration(poster);
  await painter.open(studio.results);

  // Nothing painted yet.
  await painter.instruction.fill('headline "WINTER DAYS"');
  await painter.applyButton.click();
  await expect(painter.alert).toHaveText("The painted region is empty: paint over the part of the image that should change.");

  // Arrow keys move the cursor, Space paints while held; the eraser takes paint away.
  await painter.canvas.focus();
  await page.keyboard.down(" ");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.up(" ");
  await expect(painter.painted).not.toHaveText("0% of the image painted");
  await painter.dialog.getByRole("radio", { name: "Eraser", exact: true }).click();
  await painter.dialog.getByRole("slider", { name: "Brush size", exact: true }).fill("300");
  await painter.canvas.focus();
  await page.keyboard.down(" ");
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.up(" ");
  await expect(painter.painted).toHaveText("0% of the image painted");

  // With the largest brush, row after row from the top-left corner, the whole image is painted:
  // the server refuses a mask that covers everything, with a sentence saying what to do instead.
  await painter.dialog.getByRole("radio", { name: "Brush", exact: true }).click();
  const size = painter.dialog.getByRole("slider", { name: "Brush size", exact: true });
  await size.fill(await size.getAttribute("max") ?? "341");
  await painter.canvas.focus();
  for (const key of ["ArrowUp", "ArrowLeft"]) for (let i = 0; i < 4; i++) await page.keyboard.press(key);
  await page.keyboard.down(" ");
  for (let row = 0; row < 4; row++) {
    for (let i = 0; i < 8; i++) await page.keyboard.press(row % 2 === 0 ? "ArrowRight" : "ArrowLeft");
    if (row < 3) for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.up(" ");
  await expect(painter.painted).toHaveText("100% of the image painted");
  await painter.instruction.fill('headline "WINTER DAYS"');
  await painter.applyButton.click();
  await expect(painter.alert).toHaveText("The painted region covers 100% of the image. To change all of it, use the image as input without painting a region.");

  // Cleared and painted again from the keyboard, the edit goes through.
  await painter.dialog.getByRole("button", { name: "Clear mask", exact: true }).click();
  await expect(painter.painted).toHaveText("0% of the image painted");
  await size.fill("80");
  await painter.canvas.focus();
  for (const key of ["ArrowUp", "ArrowLeft"]) for (let i = 0; i < 12; i++) await page.keyboard.press(key);
  await page.keyboard.down(" ");
  for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.up(" ");
  await painter.apply('headline "WINTER DAYS"');
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await studio.waitUntilIdle();
});

test("Use as input: the next render continues from the image, as a child of it", async ({ studio, page }) => {
  await studio.open();
  await studio.firstIteration(poster);
  const before = await studio.firstImageSrc();
  await studio.results.getByRole("button", { name: "Use as input", exact: true }).click();
  const input = page.getByRole("region", { name: "Input image" });
  await expect(input).toBeVisible();

  await studio.writeDraft("the same poster, warmer and darker, with film grain");
  await studio.refinedPrompt.fill("the same poster, warmer and darker, with film grain");
  await studio.generateAndWait(2);
  await expect(studio.version(2)).toContainText("Edit");

  const a = await storedPixels(page, before);
  const b = await storedPixels(page, await studio.firstImageSrc());
  expectSamePicture(a, b);

  await input.getByRole("button", { name: "Remove input", exact: true }).click();
  await expect(input).toBeHidden();
});

test("Apply revision as an edit of the critiqued image keeps its composition, as its child, and is critiqued", async ({ studio, critique, page }) => {
  await studio.open();
  await studio.firstIteration(poster);
  const before = await studio.firstImageSrc();

  await page.getByRole("checkbox", { name: "Apply as an edit of this image", exact: true }).check();
  await applyRevision({ studio, critique }, 2);

  // v1's child, marked as an edit of an input image (not a painted region).
  await expect(studio.versionItem(1).getByRole("button", { name: /^v2 / })).toBeVisible();
  await expect(studio.version(2)).toContainText("Edit");
  await expect(studio.version(2)).not.toContainText("Region edit");
  await expect(studio.version(2)).toHaveAttribute("aria-current", "true");
  // Critiqued in its own right: its History entry carries its own score.
  await expect(studio.version(2)).toContainText(/\d+(\.\d)?\/10$/);

  // The composition stays.
  const a = await storedPixels(page, before);
  const b = await storedPixels(page, await studio.firstImageSrc());
  expectSamePicture(a, b);
});

test("a three-image moodboard steers a render, and its critique judges each reference by its role", async ({ studio, critique, page }) => {
  await studio.open();
  // The same prompt without a moodboard first, to see what the moodboard changes.
  await studio.firstIteration("a lighthouse on a cliff");
  const plain = await storedPixels(page, await studio.firstImageSrc());
  const references = [
    // Palette: a hot orange and magenta field.
    await sharp({ create: { width: 320, height: 320, channels: 3, background: { r: 250, g: 110, b: 20 } } })
      .composite([{ input: await sharp({ create: { width: 320, height: 120, channels: 3, background: { r: 210, g: 30, b: 140 } } }).png().toBuffer(), top: 200, left: 0 }])
      .png()
      .toBuffer(),
    // Style: dark, high contrast.
    await sharp({ create: { width: 320, height: 320, channels: 3, background: { r: 12, g: 12, b: 18 } } })
      .composite([{ input: await sharp({ create: { width: 80, height: 320, channels: 3, background: { r: 245, g: 245, b: 245 } } }).png().toBuffer(), top: 0, left: 120 }])
      .png()
      .toBuffer(),
    // Composition: the weight low and to the left.
    await sharp({ create: { width: 320, height: 320, channels: 3, background: { r: 230, g: 230, b: 225 } } })
      .composite([{ input: await sharp({ create: { width: 140, height: 120, channels: 3, background: { r: 30, g: 40, b: 60 } } }).png().toBuffer(), top: 190, left: 10 }])
      .png()
      .toBuffer(),
  ];
  const upload = page.getByLabel("Upload a reference image", { exact: true });
  for (const [i, buffer] of references.entries()) {
    await upload.setInputFiles({ name: `reference-${i + 1}.png`, mimeType: "image/png", buffer });
    await expect(page.getByRole("combobox", { name: `Role of reference ${i + 1}`, exact: true })).toBeVisible({ timeout: 45_000 });
  }
  await page.getByRole("combobox", { name: "Role of reference 1", exact: true }).selectOption("palette");
  await page.getByRole("combobox", { name: "Role of reference 2", exact: true }).selectOption("style");
  await page.getByRole("combobox", { name: "Role of reference 3", exact: true }).selectOption("composition");
  await expect(page.getByText("3 of 8 references on the moodboard")).toBeVisible();

  await studio.generateAndWait(2);

  // The palette reference's hot orange and magenta take over the render.
  const hot = (image: { data: Buffer; width: number; height: number }) => {
    let count = 0;
    for (let i = 0; i < image.data.length; i += 3) if (image.data[i]! > 170 && image.data[i + 1]! < 140) count++;
    return count / (image.width * image.height);
  };
  const steered = await storedPixels(page, await studio.firstImageSrc());
  expect(hot(steered)).toBeGreaterThan(hot(plain) + 0.15);
  await expect(studio.results.getByText("3 references sent as images to Local renderer", { exact: false })).toBeVisible();

  const board = critique.region.getByRole("region", { name: "Moodboard" });
  await expect(board.getByRole("listitem")).toHaveCount(3);
  await expect(board).toContainText("Reference 1 — Palette");
  await expect(board).toContainText("Reference 2 — Style");
  await expect(board).toContainText("Reference 3 — Composition");
});
