import { expect, test } from "../fixtures";
import { fixtureImage } from "../pages/describe-dialog";

/*
 * The UI contract of shared/DESIGN.md, row by row, each control found by its exact accessible
 * name: renaming one (or letting a visible keyboard hint into its name) fails here. The video
 * rows — radiogroup "Output" with radios "Image" and "Video", button "Animate", a `video` in
 * Results, time marks in the critique — arrive with issue 20, which adds them to this spec.
 */
test("every control of the UI contract is found by its exact name", async ({ page }) => {
  const exact = { exact: true } as const;
  await page.goto("/");

  // Draft, refine and the refined, editable prompt.
  const prompt = page.getByRole("textbox", { name: "Prompt", ...exact });
  await prompt.fill('A poster for a night jazz festival, deep blue and gold, headline "Blue Hour"');
  await page.getByRole("button", { name: "Refine", ...exact }).click();
  const refined = page.getByRole("textbox", { name: "Refined prompt", ...exact });
  await expect(refined).toHaveValue(/Blue Hour/);

  // Provider choice, with the local renderer among its options.
  const provider = page.getByRole("combobox", { name: "Provider", ...exact });
  await expect(provider.getByRole("option", { name: /^Local renderer/ })).toHaveCount(1);

  // Render: the shortcut is announced from aria-keyshortcuts, not from the visible glyphs.
  const generate = page.getByRole("button", { name: "Generate", ...exact });
  await expect(generate).toHaveAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter");
  await generate.click();

  // Results: every image with meaningful alt text; Critique with its overall score as N/10.
  const results = page.getByRole("region", { name: "Results", ...exact });
  await expect(results.getByRole("img").first()).toBeVisible({ timeout: 45_000 });
  for (const image of await results.getByRole("img").all()) expect((await image.getAttribute("alt"))?.length ?? 0).toBeGreaterThan(10);
  const critique = page.getByRole("region", { name: "Critique", ...exact });
  await expect(critique.getByText(/^\d+(\.\d)?\/10$/).first()).toBeVisible({ timeout: 45_000 });

  // Version tree: one entry per iteration.
  const history = page.getByRole("navigation", { name: "History", ...exact });
  await expect(history.getByRole("button")).toHaveCount(1);

  // One-click revision: one click renders the next round, which is critiqued.
  const apply = page.getByRole("button", { name: "Apply revision", ...exact });
  await expect(apply).toHaveAttribute("aria-keyshortcuts", "Control+Shift+Enter Meta+Shift+Enter");
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(history.getByRole("button")).toHaveCount(2, { timeout: 45_000 });
  await expect(critique.getByText(/^\d+(\.\d)?\/10$/).first()).toBeVisible({ timeout: 45_000 });
  await expect(history.getByRole("button").first()).toBeEnabled({ timeout: 45_000 });

  // Auto-iterate.
  await expect(page.getByRole("spinbutton", { name: "Rounds", ...exact })).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: "Target score", ...exact })).toBeVisible();
  await expect(page.getByRole("button", { name: "Auto-iterate", ...exact })).toBeVisible();

  // Sharing.
  await page.getByRole("button", { name: "Share", ...exact }).click();
  const share = page.getByRole("dialog", { name: "Share", ...exact });
  await share.getByRole("button", { name: "Create link", ...exact }).click();
  await expect(share.getByRole("textbox", { name: "Share link", ...exact })).toHaveValue(/\/s\//);
  await expect(share.getByRole("button", { name: "Revoke link", ...exact })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(share).toBeHidden();

  // Reading an image.
  await page.getByRole("button", { name: "Describe", ...exact }).click();
  const describe = page.getByRole("dialog", { name: "Describe", ...exact });
  await describe.getByLabel("Image or video", exact).setInputFiles({ name: "chart.png", mimeType: "image/png", buffer: fixtureImage("quarterly-sales-chart.png") });
  const summary = describe.getByRole("region", { name: "Summary", ...exact });
  await expect(summary).toContainText("Quarterly sales 2026", { timeout: 60_000 });
  await describe.getByRole("textbox", { name: "Question", ...exact }).fill("What is the title?");
  await describe.getByRole("button", { name: "Ask", ...exact }).click();
  await expect(summary).toContainText("You asked: What is the title?", { timeout: 60_000 });
});
