import { expect, test } from "../fixtures";

/*
 * Auto-iterate explores (Offline engine, Local renderer): every round renders three different
 * drafts, a comparative pick says which wins and why, and the model notes change what the next
 * round writes.
 */

const DRAFT = 'Poster of a lighthouse at dusk, orange and teal, headline "Harbour"';

// A run renders and critiques up to nine images.
test.describe.configure({ timeout: 240_000 });

test("three drafts per round, three different prompts in every round, and a pick with its reasons", async ({ studio, autoIterate, page }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await autoIterate.draftsPerRound.selectOption("3");
  await autoIterate.runRounds(3);
  await expect(autoIterate.stopped).toBeVisible({ timeout: 200_000 });

  for (const n of [1, 2, 3]) {
    const round = autoIterate.round(n);
    await expect(round.drafts).toHaveCount(3);
    const prompts = await autoIterate.draftPrompts(n);
    expect(new Set(prompts).size, `round ${n}: ${prompts.join(" / ")}`).toBe(3);
    await expect(round.pick.getByText(/^Picked draft [ABC]$/)).toBeVisible();
    await expect(round.pick.getByRole("listitem").first()).not.toBeEmpty();
    // The winner is marked among the drafts.
    await expect(round.drafts.filter({ hasText: "Picked" })).toHaveCount(1);
    await expect(round.region.getByText(/^Round cost \$0\.00 · Offline engine, no tokens$/)).toBeVisible();
  }
  // From round 2 the pick compares the winner with the best so far.
  await expect(autoIterate.round(2).pick.getByText(/^(Beats|Does not beat) the best so far: /)).toBeVisible();
  // Every draft is its own saved iteration.
  await expect(studio.historyEntries()).toHaveCount(9);

  // The run is kept with the project: opened again, every round is there with its drafts and pick.
  const picks = await Promise.all([1, 2, 3].map((n) => autoIterate.round(n).pick.getByText(/^Picked draft [ABC]$/).textContent()));
  await page.reload();
  for (const [i, n] of [1, 2, 3].entries()) {
    await expect(autoIterate.round(n).drafts).toHaveCount(3);
    await expect(autoIterate.round(n).pick.getByText(/^Picked draft [ABC]$/)).toHaveText(picks[i]!);
  }
  await expect(studio.historyEntries()).toHaveCount(9);
});

test("model notes are shown, editable, kept with the project, and change the next round's prompts", async ({ studio, autoIterate, modelNotes, page }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await autoIterate.draftsPerRound.selectOption("2");
  await autoIterate.runRounds(1);
  await expect(autoIterate.stopped).toBeVisible({ timeout: 200_000 });
  const before = await autoIterate.draftPrompts(1);

  await modelNotes.open();
  // The run wrote notes from what the renders did (the Offline engine measures pixels).
  await expect(modelNotes.dialog.getByText("What the loop has learned about local/poster-v1 in this project.", { exact: false })).toBeVisible();
  await modelNotes.addNote({ behaviour: "draws the beam faintly", advice: 'Add "a bright teal lighthouse beam"' });
  await modelNotes.close();

  // Kept with the project: there after a reload.
  await page.reload();
  await modelNotes.open();
  await expect(modelNotes.dialog.getByRole("textbox", { name: /^Advice, note \d+$/ }).last()).toHaveValue('Add "a bright teal lighthouse beam"');
  await modelNotes.close();

  // The next run writes every draft with the designer's note.
  await autoIterate.draftsPerRound.selectOption("2");
  await autoIterate.runRounds(1);
  await expect(autoIterate.stopped).toBeHidden();
  await expect(autoIterate.stopped).toBeVisible({ timeout: 200_000 });
  const after = await autoIterate.draftPrompts(1);
  expect(before.some((p) => p.includes("a bright teal lighthouse beam"))).toBe(false);
  for (const prompt of after) expect(prompt).toContain("a bright teal lighthouse beam");
});

test("model notes in Chinese: the dialog and its controls have their names", async ({ studio, autoIterate, page }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await autoIterate.runRounds(1);
  await expect(autoIterate.stopped).toBeVisible({ timeout: 200_000 });
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "简体中文" }).click();
  await page.getByRole("button", { name: "模型笔记", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "模型笔记", exact: true });
  await expect(dialog.getByRole("button", { name: "添加笔记", exact: true })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "保存笔记", exact: true })).toBeVisible();
});
