import type { Browser, Request } from "@playwright/test";
import { expect, test } from "../fixtures";
import { ProjectsDialog } from "../pages/projects-dialog";
import { StudioPage } from "../pages/studio-page";

const DRAFT = 'A poster for a harbour film night, teal and coral, headline "Low Tide"';

/** Another browser on the same Loupe: a fresh context, so no owner cookie. */
async function secondBrowser(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  return { context, page, studio: new StudioPage(page), projects: new ProjectsDialog(page) };
}

test("another browser can neither open, list, nor rename a project it does not own", async ({ studio, projects, page, browser, baseURL }) => {
  await studio.open();
  const projectPath = await studio.firstIteration(DRAFT);
  await projects.open();
  const name = (await projects.dialog.getByRole("listitem").locator("a span").first().textContent())!;

  // Capture the real server-action call this browser makes to rename its project.
  const renameCall = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await projects.rename({ from: name, to: "Low Tide, final" });
  const call: Request = await renameCall;
  await projects.close();

  const other = await secondBrowser(browser, baseURL!);
  try {
    // The project page is a 404 that shows nothing of the project.
    const response = await other.page.goto(projectPath);
    expect(response?.status()).toBe(404);
    await expect(other.page.getByRole("img")).toHaveCount(0);
    await expect(other.page.getByText(/Low Tide/)).toHaveCount(0);
    expect(await other.page.content()).not.toContain("Low Tide");

    // Its own studio lists no project at all.
    await other.studio.open();
    await other.projects.open();
    await expect(other.projects.dialog.getByText("No projects yet.")).toBeVisible();
    await other.projects.close();

    // Replaying the rename action under the other browser's owner cookie changes nothing.
    // (The other context sends its own cookies; it has no owner yet, so the action mints a new one.)
    const replay = await other.context.request.post(call.url(), {
      headers: replayableHeaders(call),
      data: call.postData()!.replace("Low Tide, final", "Taken over"),
    });
    expect(replay.status()).toBe(200);
    expect(await replay.text()).toContain("That project was not found.");

    // A forged owner cookie (the real one with its signature altered) is no owner at all.
    const real = (await page.context().cookies()).find((c) => c.name === "loupe_owner");
    const forged = `${real!.value.slice(0, -2)}${real!.value.endsWith("AA") ? "BB" : "AA"}`;
    await other.context.addCookies([{ ...real!, value: forged }]);
    expect((await other.page.goto(projectPath))?.status()).toBe(404);

    // The genuine cookie does open it (the 404s above are about ownership, not a broken page).
    await other.context.addCookies([real!]);
    expect((await other.page.goto(projectPath))?.status()).toBe(200);
    await expect(other.studio.historyEntries()).toHaveCount(1);
  } finally {
    await other.context.close();
  }

  await page.reload();
  await projects.open();
  await expect(projects.project("Low Tide, final")).toBeVisible();
  await expect(projects.dialog.getByText("Taken over")).toHaveCount(0);
});

test("a project can be renamed and deleted from the Projects dialog", async ({ studio, projects, page }) => {
  await studio.open();
  const projectPath = await studio.firstIteration(DRAFT);
  await projects.open();
  await expect(projects.dialog.getByRole("listitem")).toHaveCount(1);
  await expect(projects.dialog.getByRole("listitem")).toContainText("1 iteration");
  const name = (await projects.dialog.getByRole("listitem").locator("a span").first().textContent())!;

  await projects.rename({ from: name, to: "Harbour film night" });
  await projects.close();
  await expect(projects.header).toContainText("Harbour film night");
  await page.reload();
  await expect(projects.header).toContainText("Harbour film night");
  await expect(page).toHaveTitle(/Harbour film night/);

  await projects.open();
  await projects.delete("Harbour film night");
  await expect(projects.project("Harbour film night")).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);
  await page.reload();
  await projects.open();
  await expect(projects.dialog.getByText("No projects yet.")).toBeVisible();
  expect((await page.request.get(projectPath)).status()).toBe(404);
});

/** The action call's headers minus those the replaying context must supply itself. */
function replayableHeaders(call: Request): Record<string, string> {
  const skip = new Set(["cookie", "host", "content-length"]);
  return Object.fromEntries(Object.entries(call.headers()).filter(([k]) => !skip.has(k.toLowerCase())));
}
