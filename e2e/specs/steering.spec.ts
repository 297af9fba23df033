import sharp from "sharp";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import type { StudioPage } from "../pages/studio-page";

// Offline: the Local renderer draws this too dark and too dull, so the critique has several points.
const DRAFT = "a vibrant neon poster, vivid saturated pink and green, centered subject, lots of empty space at the top for a headline";

/** A first iteration of DRAFT, critiqued, with nothing running. */
async function critiqued(studio: StudioPage) {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await studio.generate();
  await studio.score();
  await studio.waitUntilIdle();
}

/** Starts a three-round run that only the round count stops. */
async function autoIterateThreeRounds(page: Page) {
  const auto = page.getByRole("region", { name: "Auto-iterate" });
  await auto.getByRole("spinbutton", { name: "Rounds" }).fill("3");
  await auto.getByRole("spinbutton", { name: "Target score" }).fill("10");
  await auto.getByLabel("Stop after 2 rounds without improvement").uncheck();
  await auto.getByRole("button", { name: "Auto-iterate" }).click();
  return auto;
}

test("the revised prompt and its diff show before the click and follow every decision; one click renders and critiques it", async ({ studio }) => {
  await critiqued(studio);
  const points = studio.critique.locator("li[data-issue-id]");
  expect(await points.count()).toBeGreaterThanOrEqual(3);
  const diff = studio.revisionDiff();
  // Before any click: the critique's own revision, as a diff against the current prompt.
  await expect(diff.locator("ins").first()).toBeVisible();
  await expect(studio.critique.getByText("Every fix kept: the critique's own revision, no extra call.")).toBeVisible();

  // Reject the first point: its fix words leave the revision, in place.
  const rejectedFix = (await points.nth(0).getByText(/^Fix:/).locator("..").textContent())!;
  const rejectedWords = /"([^"]+)"/.exec(rejectedFix)![1]!;
  await points.nth(0).getByRole("button", { name: /^Reject:/ }).click();
  await expect(points.nth(0).getByRole("checkbox")).not.toBeChecked();
  await expect(diff).not.toContainText(rejectedWords);

  // Edit the second point and add a note: the revision is rewritten once they settle.
  await points.nth(1).getByRole("button", { name: /^Edit fix:/ }).click();
  await points.nth(1).getByRole("textbox").fill('Add "a glowing saxophone in the upper third".');
  await points.nth(1).getByRole("button", { name: "Done" }).click();
  await studio.critique.getByRole("textbox", { name: "Add a note for the next round" }).fill("keep the headline exactly");
  await expect(diff.locator("ins")).toContainText(["a glowing saxophone in the upper third"]);
  await expect(diff).toContainText("keep the headline exactly");
  await expect(diff).not.toContainText(rejectedWords);
  await expect(studio.critique.getByText(/^Rewritten for your changes · \$0\.00 · 0 tokens$/)).toBeVisible();

  // Still editable by hand before it renders; Ctrl+Shift+Enter renders it at once.
  await studio.critique.getByRole("group", { name: "Revised prompt" }).getByRole("button", { name: "Edit" }).click();
  const editable = studio.critique.getByRole("textbox", { name: "Revised prompt to render" });
  await editable.fill(`${await editable.inputValue()}, soft film grain`);
  await expect(diff).toContainText("soft film grain");
  await studio.page.keyboard.press("Control+Shift+Enter");
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await studio.score();
  await expect(studio.refinedPrompt).toHaveValue(/soft film grain/);
  await expect(studio.refinedPrompt).toHaveValue(/keep the headline exactly/);
  await expect(studio.refinedPrompt).not.toHaveValue(new RegExp(rejectedWords));
});

test("a hand edit is never overwritten by a later decision until the designer asks", async ({ studio }) => {
  await critiqued(studio);
  const group = studio.critique.getByRole("group", { name: "Revised prompt" });
  await group.getByRole("button", { name: "Edit" }).click();
  const editable = group.getByRole("textbox", { name: "Revised prompt to render" });
  await editable.fill("my own words for the next round");
  await studio.critique.getByRole("textbox", { name: "Add a note for the next round" }).fill("warmer light");
  await expect(group.getByText(/^Edited by you/)).toBeVisible();
  await expect(editable).toHaveValue("my own words for the next round");
  await group.getByRole("button", { name: "Rewrite it from the points" }).click();
  await expect(studio.revisionDiff()).toContainText("warmer light");
  await expect(editable).not.toHaveValue("my own words for the next round");
  await expect(studio.historyEntries()).toHaveCount(1);
});

test("a double click on Apply revision renders one round", async ({ studio }) => {
  await critiqued(studio);
  await studio.applyRevisionButton.dblclick();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await studio.score();
  await studio.waitUntilIdle();
  await expect(studio.historyEntries()).toHaveCount(2);
});

test("auto-iterate runs three rounds offline, charts them and selects the best-scored iteration", async ({ studio, page }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  const auto = await autoIterateThreeRounds(page);
  await expect(auto.getByText(/^Round \d of 3$/)).toBeVisible();
  await expect(auto.getByText(/^Stopped: /)).toBeVisible({ timeout: 120_000 });
  await expect(studio.historyEntries()).toHaveCount(3);

  const chart = auto.getByRole("img", { name: /^Score chart: round 1 / });
  await expect(chart).toBeVisible();
  const scores = [...((await chart.getAttribute("aria-label"))!.matchAll(/round (\d) (\d+\.\d)/g))].map((m) => Number(m[2]));
  expect(scores).toHaveLength(3);
  const best = Math.max(...scores);
  // The best round is current, marked, and shows its score.
  await expect(studio.critique.getByText("★ Best of auto-iterate")).toBeVisible();
  expect(await studio.score()).toBe(best);
  await expect(studio.history.locator("button[aria-current=true]")).toContainText(`${best.toFixed(1)}/10`);
});

test("auto-iterate never renders the same prompt with the same seed twice, even when the best round does not change", async ({ studio, page }) => {
  await critiqued(studio);
  // Start from a revision with two points, which the Offline engine's fuller revisions do not beat.
  const points = studio.critique.locator("li[data-issue-id]");
  for (let i = (await points.count()) - 1; i >= 2; i--) await points.nth(i).getByRole("button", { name: /^Reject:/ }).click();
  await studio.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await studio.score();
  await studio.waitUntilIdle();

  const auto = await autoIterateThreeRounds(page);
  await expect(auto.getByText(/^Stopped: /)).toBeVisible({ timeout: 120_000 });
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

test("a reference upload is described and used by the render and the critique", async ({ studio, page }) => {
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
  await studio.score();
  await expect(studio.critique).toContainText("Against the reference");
});

test("the project's references come back after a reload, still in use by Generate, and can be switched or cleared", async ({ studio, page }) => {
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
  await studio.score();
  await expect(studio.critique).toContainText("Against the reference");
  await expect(studio.results.getByText("reference sent as words to Local renderer · poster-v1 (it takes no image input)")).toBeVisible();

  // After another reload the choice holds; cleared, the next render goes without a reference.
  await page.reload();
  await expect(panel.getByLabel("Reference description")).toContainText("blue");
  await panel.getByRole("checkbox", { name: "Use this reference for the next renders and critiques" }).uncheck();
  await studio.writeDraft("a poster of a blue kite");
  await studio.generate();
  await studio.score();
  await expect(studio.critique).not.toContainText("Against the reference");
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

test("every iteration shows its cost and the header the project's total", async ({ studio, page }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await studio.generate();
  await studio.score();
  await expect(studio.critique.getByLabel("Iteration cost")).toContainText("Cost $0.00");
  await expect(studio.critique.getByLabel("Iteration cost")).toContainText("No Claude tokens used");
  await expect(page.getByLabel("Project cost")).toHaveText("$0.00");
});
