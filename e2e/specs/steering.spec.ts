import sharp from "sharp";
import { expect, test } from "../fixtures";
import type { CritiquePanel } from "../pages/critique-panel";
import type { StudioPage } from "../pages/studio-page";

// Offline: the Local renderer draws this too dark and too dull, so the critique has several points.
const DRAFT = "a vibrant neon poster, vivid saturated pink and green, centered subject, lots of empty space at the top for a headline";

/** A first iteration of DRAFT, critiqued, with nothing running. */
async function critiqued({ studio, critique }: { studio: StudioPage; critique: CritiquePanel }) {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await studio.generate();
  await critique.score();
  await studio.waitUntilIdle();
}

test("the revised prompt and its diff show before the click and follow every decision; one click renders and critiques it", async ({ studio, critique, page }) => {
  await critiqued({ studio, critique });
  expect(await critique.points.count()).toBeGreaterThanOrEqual(3);
  // Before any click: the critique's own revision, as a diff against the current prompt.
  await expect(critique.revisionDiff.locator("ins").first()).toBeVisible();
  await expect(critique.region.getByText("Every fix kept: the critique's own revision, no extra call.")).toBeVisible();

  // Reject the first point: its fix words leave the revision, in place.
  const rejectedWords = await critique.quotedFix(0);
  await critique.reject(0);
  await expect(critique.revisionDiff).not.toContainText(rejectedWords);

  // Reword the second point and add a note: the revision is rewritten once they settle.
  await critique.editFix(1, 'Add "a glowing saxophone in the upper third".');
  await critique.note.fill("keep the headline exactly");
  await expect(critique.revisionDiff.locator("ins")).toContainText(["a glowing saxophone in the upper third"]);
  await expect(critique.revisionDiff).toContainText("keep the headline exactly");
  await expect(critique.revisionDiff).not.toContainText(rejectedWords);
  await expect(critique.region.getByText(/^Rewritten for your changes · \$0\.00 · 0 tokens$/)).toBeVisible();

  // Still editable by hand before it renders; Ctrl+Shift+Enter renders it at once.
  await critique.editRevision((prompt) => `${prompt}, soft film grain`);
  await expect(critique.revisionDiff).toContainText("soft film grain");
  await page.keyboard.press("Control+Shift+Enter");
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await critique.score();
  await expect(studio.refinedPrompt).toHaveValue(/soft film grain/);
  await expect(studio.refinedPrompt).toHaveValue(/keep the headline exactly/);
  await expect(studio.refinedPrompt).not.toHaveValue(new RegExp(rejectedWords));
});

test("a hand edit is never overwritten by a later decision until the designer asks", async ({ studio, critique }) => {
  await critiqued({ studio, critique });
  await critique.editRevision(() => "my own words for the next round");
  await critique.note.fill("warmer light");
  await expect(critique.revision.getByText(/^Edited by you/)).toBeVisible();
  await expect(critique.revisedPrompt).toHaveValue("my own words for the next round");
  await critique.revision.getByRole("button", { name: "Rewrite it from the points" }).click();
  await expect(critique.revisionDiff).toContainText("warmer light");
  await expect(critique.revisedPrompt).not.toHaveValue("my own words for the next round");
  await expect(studio.historyEntries()).toHaveCount(1);
});

test("a double click on Apply revision renders one round", async ({ studio, critique }) => {
  await critiqued({ studio, critique });
  await critique.applyRevisionButton.dblclick();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await critique.score();
  await studio.waitUntilIdle();
  await expect(studio.historyEntries()).toHaveCount(2);
});

test("auto-iterate runs three rounds offline, charts them and selects the best-scored iteration", async ({ studio, critique, autoIterate }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await autoIterate.runRounds(3);
  await expect(autoIterate.progress).toHaveText(/ of 3$/);
  await autoIterate.waitUntilStopped();
  await expect(studio.historyEntries()).toHaveCount(3);

  const scores = await autoIterate.chartScores();
  expect(scores).toHaveLength(3);
  const best = Math.max(...scores);
  // The best round is current, marked, and shows its score.
  await expect(critique.region.getByText("★ Best of auto-iterate")).toBeVisible();
  expect(await critique.score()).toBe(best);
  await expect(studio.history.locator("button[aria-current=true]")).toContainText(`${best.toFixed(1)}/10`);
});

test("auto-iterate never renders the same prompt with the same seed twice, even when the best round does not change", async ({ studio, critique, autoIterate }) => {
  // Each round also makes the comparative pick and writes the model notes (one more server step).
  test.setTimeout(180_000);
  await critiqued({ studio, critique });
  // Start from a revision with two points, which the Offline engine's fuller revisions do not beat.
  for (let i = (await critique.points.count()) - 1; i >= 2; i--) await critique.reject(i);
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await critique.score();
  await studio.waitUntilIdle();

  await autoIterate.runRounds(3);
  await autoIterate.waitUntilStopped();
  await studio.waitUntilIdle();
  const renders: string[] = [];
  for (let n = 1; n <= 5; n++) {
    await studio.version(n).click();
    await expect(studio.version(n)).toHaveAttribute("aria-current", "true");
    const seed = await studio.results.getByText("Seed").locator("..").locator("dd").textContent();
    renders.push(`${await studio.refinedPrompt.inputValue()} @ ${seed}`);
  }
  expect(new Set(renders).size).toBe(renders.length);
});

test("a reference upload is described and used by the render and the critique", async ({ studio, critique, page }) => {
  await studio.open();
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#1f4e9c" } })
    .composite([{ input: Buffer.from('<svg width="640" height="480"><circle cx="320" cy="240" r="120" fill="#f4d03f"/></svg>') }])
    .jpeg()
    .withExif({ IFD0: { Copyright: "secret-exif-marker" } })
    .toBuffer();
  const panel = page.getByRole("region", { name: "Reference image" });
  await panel.getByLabel("Upload a reference image").setInputFiles({ name: "reference.jpg", mimeType: "image/jpeg", buffer: photo });
  const description = panel.getByRole("definition").first();
  await expect(description).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByLabel("Reference description")).toContainText("blue");

  // Stored without metadata.
  const src = (await panel.getByRole("img", { name: "Reference image" }).getAttribute("src"))!.replace(/\?w=\d+$/, "");
  expect((await (await page.request.get(src)).body()).includes(Buffer.from("secret-exif-marker"))).toBe(false);

  await panel.getByRole("button", { name: "Add the description to the draft" }).click();
  await expect(studio.prompt).toHaveValue(/blue/);
  await studio.writeDraft("a poster of a red kite");
  await studio.generate();
  await critique.score();
  await expect(critique.region).toContainText("Against the reference");
});

test("the project's references come back after a reload, still in use by Generate, and can be switched or cleared", async ({ studio, critique, page }) => {
  await studio.open();
  const panel = page.getByRole("region", { name: "Reference image" });
  const upload = panel.getByLabel("Upload a reference image");
  const photo = (background: string) => sharp({ create: { width: 480, height: 360, channels: 3, background } }).png().toBuffer();
  await upload.setInputFiles({ name: "blue.png", mimeType: "image/png", buffer: await photo("#1f4e9c") });
  await expect(panel.getByLabel("Reference description")).toContainText("blue", { timeout: 30_000 });
  await upload.setInputFiles({ name: "red.png", mimeType: "image/png", buffer: await photo("#c0392b") });
  await expect(panel.getByLabel("Reference description")).toContainText("red", { timeout: 30_000 });
  await expect(page).toHaveURL(/\/p\//);

  await page.reload();
  await expect(panel.getByRole("list", { name: "This project's references" }).getByRole("button")).toHaveCount(2);
  await expect(panel.getByLabel("Reference description")).toContainText("red");
  await expect(panel.getByRole("checkbox", { name: "Use this reference for the next renders and critiques" })).toBeChecked();

  // Pick the first one again: it is the one Generate uses and the critique compares against.
  await panel.getByRole("button", { name: /^Reference 1 of 2/ }).click();
  await expect(panel.getByLabel("Reference description")).toContainText("blue");
  await expect(panel.getByRole("button", { name: "Reference 1 of 2 · in use" })).toBeVisible();
  await studio.writeDraft("a poster of a red kite");
  await studio.generate();
  await critique.score();
  await expect(critique.region).toContainText("Against the reference");
  await expect(studio.results.getByText("reference sent as words to Local renderer · poster-v1 (it takes no image input)")).toBeVisible();

  // After another reload the choice holds; cleared, the next render goes without a reference.
  await page.reload();
  await expect(panel.getByLabel("Reference description")).toContainText("blue");
  await panel.getByRole("checkbox", { name: "Use this reference for the next renders and critiques" }).uncheck();
  await studio.writeDraft("a poster of a blue kite");
  await studio.generate();
  await critique.score();
  await expect(critique.region).not.toContainText("Against the reference");
  await expect(studio.results.getByText(/^reference sent/)).toHaveCount(0);
  await page.reload();
  await expect(panel.getByRole("checkbox", { name: "Use this reference for the next renders and critiques" })).not.toBeChecked();
});

test("a 20 MB file and an SVG are refused with a clear message", async ({ studio, page }) => {
  await studio.open();
  const panel = page.getByRole("region", { name: "Reference image" });
  const input = panel.getByLabel("Upload a reference image");
  await input.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(20 * 1024 * 1024, 1) });
  await expect(panel.getByRole("alert")).toContainText("at most 10 MB");
  await input.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>') });
  await expect(panel.getByRole("alert")).toContainText("SVG");
});

test("every iteration shows its cost and the header the project's total", async ({ studio, critique, page }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await studio.generate();
  await critique.score();
  await expect(critique.region.getByLabel("Iteration cost")).toContainText("Cost $0.00");
  await expect(critique.region.getByLabel("Iteration cost")).toContainText("No Claude tokens used");
  await expect(page.getByLabel("Project cost")).toHaveText("$0.00");
});
