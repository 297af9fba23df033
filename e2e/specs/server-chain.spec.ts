import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { CritiquePanel } from "../pages/critique-panel";
import { StudioPage } from "../pages/studio-page";

/*
 * The server chains render → critique (lib/jobs/chain.ts): the browser only waits for the
 * critique. Here the browser's wait never reaches the server and the tab closes as soon as the
 * render answers; the project, opened again in a new page, still ends critiqued.
 */

// The Offline critique finds points to fix in this one's render, so Apply revision has a change to make.
const DRAFT = 'A poster for a night jazz festival, deep blue and gold, headline "Blue Hour"';

test.describe.configure({ timeout: 120_000 });

/**
 * From the server action that answers with the rendered iteration ("critiquing") on, every
 * later server action of this page is refused, so the browser cannot ask for (or wait for) the
 * critique; resolves once that render's answer has been handed to the page.
 */
async function cutOffAfterRender(page: Page): Promise<() => Promise<void>> {
  let rendered!: () => void;
  const answered = new Promise<void>((resolve) => (rendered = resolve));
  let cut = false;
  let refused = 0;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    if (cut) {
      refused += 1;
      return route.abort();
    }
    const response = await route.fetch();
    if ((await response.text()).includes('"status":"critiquing"')) cut = true;
    await route.fulfill({ response });
    if (cut) rendered();
  });
  return async () => {
    await answered;
    // The browser asked for its critique at once, and that request never reached the server.
    await expect.poll(() => refused).toBeGreaterThan(0);
  };
}

/** Opens the project in a new page until its current iteration shows a critique's score. */
async function critiquedInNewPage({ page, project }: { page: Page; project: string }): Promise<{ again: Page; studio: StudioPage; critique: CritiquePanel }> {
  const again = await page.context().newPage();
  const critique = new CritiquePanel(again);
  await expect(async () => {
    await again.goto(project);
    await expect(critique.region.getByText(/^\d+(\.\d)?\/10$/).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  return { again, studio: new StudioPage(again, critique), critique };
}

test("closing the tab after Generate still leaves a critiqued iteration, and after Apply revision too", async ({ studio, page }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await studio.refine();
  await expect(studio.refinedPrompt).toHaveValue(/Blue Hour/);
  const cutOff = await cutOffAfterRender(page);
  await studio.generate();
  await cutOff();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/);
  const project = page.url();
  await page.close();

  const first = await critiquedInNewPage({ page, project });
  await expect(first.studio.historyEntries()).toHaveCount(1);
  await expect(first.critique.region.getByText(/Offline engine/)).toBeVisible();
  await expect(first.critique.revisionDiff).toBeVisible();

  // Apply revision renders through the same chain: its critique, too, is the server's.
  const cutOffRevision = await cutOffAfterRender(first.again);
  await first.critique.applyRevision();
  await cutOffRevision();
  await first.again.close();

  const second = await critiquedInNewPage({ page: first.again, project });
  await expect(second.studio.historyEntries()).toHaveCount(2);
  await second.again.close();
});
