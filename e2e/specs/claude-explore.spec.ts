import { expect, test } from "../fixtures";

/*
 * Auto-iterate explores on Claude, through the real SDK at the Anthropic fake (which charges the
 * prompt cache as the API does): three drafts per round written by Claude, a comparative pick
 * with its reasons, the round's cache share, and model notes that the next round's drafts follow.
 */

const DRAFT = 'Poster for a ceramics fair, terracotta vase on cream, headline "Kiln"';

test("three drafts per round on Claude, a comparative pick with reasons, the cache share, and notes that change the next round", async ({ studio, autoIterate, modelNotes }) => {
  test.setTimeout(240_000);
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
    await expect(round.region.getByText(/^Round cost \$\d+\.\d+ · [\d,]+ input tokens, \d+% read from the prompt cache$/)).toBeVisible();
  }
  // Round 2's drafts are Claude's, written from the critiques and the notes.
  await expect(autoIterate.round(2).drafts.filter({ hasText: "(written by Claude)" }).first()).toBeVisible();
  // From round 2 on, most of the input is read from the cache.
  const share = Number(/(\d+)% read from the prompt cache/.exec((await autoIterate.round(2).region.textContent()) ?? "")?.[1]);
  expect(share).toBeGreaterThanOrEqual(50);

  // Claude wrote notes on the model; a designer's note changes the next round's drafts.
  await modelNotes.open();
  await expect(modelNotes.dialog.getByText("from Claude").first()).toBeVisible();
  await modelNotes.addNote({ behaviour: "sets the headline too thin", advice: 'Add "heavy slab-serif headline"' });
  await modelNotes.close();
  await autoIterate.runRounds(2);
  await expect(autoIterate.stopped).toBeVisible({ timeout: 200_000 });
  const next = await autoIterate.draftPrompts(2);
  expect(next.filter((p) => p.includes("heavy slab-serif headline")).length).toBeGreaterThan(0);
});
