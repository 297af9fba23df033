import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../tests/support/free-port";
import { e2eEnv } from "../e2e-env";
import { expect, test } from "../fixtures";
import { StudioPage } from "../pages/studio-page";
import { startNextInstance } from "../scale-out/next-instance";

const DRAFT = 'A poster for a night jazz festival, deep blue and gold, headline "Blue Hour"';
const BRANCH = 'A poster for a night jazz festival, emerald and silver, a lone trumpet, headline "Blue Hour"';

const SIGTERM_EXIT = 128 + 15;
// pg_control's DBState (offset 16, after the system id and two version words): 1 = shut down cleanly.
const SHUT_DOWN = 1;

async function clusterState(dataDir: string): Promise<number> {
  return (await fs.readFile(path.join(dataDir, "pgdata", "global", "pg_control"))).readInt32LE(16);
}

/** Clicks each version and notes what it restores. */
async function snapshots(studio: StudioPage, count: number) {
  const seen = [];
  for (let n = 1; n <= count; n++) seen.push(await studio.snapshotOf(n));
  return seen;
}

async function expectBranchAtV1(studio: StudioPage) {
  // v2 continues v1's line; v3 grew from v1 too, so it sits inside v1's entry, stepped in and marked.
  await expect(studio.versionItem(1).getByRole("button")).toHaveCount(3);
  await expect(studio.versionItem(2).getByRole("button")).toHaveCount(1);
  await expect(studio.version(3)).toContainText("↳");
  await expect(studio.version(2)).not.toContainText("↳");
}

test("three iterations with a branch survive a reload, and each one restores its prompt and image", async ({ studio, page }) => {
  await studio.open();
  await studio.makeBranchedProject({ draft: DRAFT, branchPrompt: BRANCH });
  await expectBranchAtV1(studio);
  const before = await snapshots(studio, 3);
  expect(before[2]!.prompt).toBe(BRANCH);
  expect(new Set(before.map((s) => s.src)).size).toBe(3);

  await page.reload();
  await expect(studio.historyEntries()).toHaveCount(3);
  await expectBranchAtV1(studio);
  for (const [i, shot] of before.entries()) {
    await expect(studio.version(i + 1)).toContainText(`${shot.score.toFixed(1)}/10`);
  }
  expect(await snapshots(studio, 3)).toEqual(before);
  for (const { src } of before) expect((await page.request.get(src)).status()).toBe(200);
});

test("a reload of a project page is rendered from the project as it is now, not from an earlier request", async ({ studio, page, browser, baseURL, critique }) => {
  await studio.open();
  const path = await studio.firstIteration(DRAFT);
  // The server renders the project page once, with v1.
  await page.reload();
  await expect(studio.historyEntries()).toHaveCount(1);
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2);
  await critique.score();
  await studio.waitUntilIdle();
  const revised = await studio.refinedPrompt.inputValue();

  // What the server sends before any script runs: v1 and v2, the revised prompt ready to edit.
  const noScript = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: await page.context().storageState() });
  const served = await noScript.newPage();
  await served.goto(path);
  await expect(served.getByRole("navigation", { name: "History" }).getByRole("button")).toHaveCount(2);
  await expect(served.getByRole("textbox", { name: "Refined prompt" })).toHaveValue(revised);
  await noScript.close();
});

test("Compare shows two iterations side by side and under a slider, with a word diff and their scores", async ({ studio, compare }) => {
  await studio.open();
  await studio.firstIteration(DRAFT);
  const v1 = await studio.snapshotOf(1);
  expect(v1.prompt).toContain("deep blue");
  await studio.refinedPrompt.fill(v1.prompt.replace("deep blue", "emerald"));
  await studio.generateAndWait(2);
  const v2 = await studio.snapshotOf(2);

  await compare.open();
  await expect(compare.images).toHaveCount(2);
  await expect(compare.images.nth(0)).toHaveAttribute("src", v1.src);
  await expect(compare.images.nth(1)).toHaveAttribute("src", v2.src);
  const [left, right] = [await compare.images.nth(0).boundingBox(), await compare.images.nth(1).boundingBox()];
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);

  await compare.view("Slider");
  await expect(compare.slider).toBeVisible();
  await compare.slider.fill("20");
  await expect(compare.slider).toHaveValue("20");

  // Only the edited words are marked; the rest of the prompt reads as it was.
  expect((await compare.deleted.allTextContents()).join("")).toMatch(/^\s*deep\s*blue\s*$/);
  expect((await compare.inserted.allTextContents()).join("")).toMatch(/^\s*emerald\s*$/);
  expect(await compare.overall()).toEqual([v1.score.toFixed(1), v2.score.toFixed(1), expect.any(String)]);
});

test("the work survives a server restart, and the embedded database closes cleanly on SIGTERM", async ({ browser }) => {
  test.setTimeout(240_000);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-restart-"));
  const port = await freePort();
  const env = { ...e2eEnv.offline, PORT: String(port), LOUPE_DATA_DIR: dataDir };
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
  try {
    let server = await startNextInstance({ port, env });
    const page = await context.newPage();
    const studio = new StudioPage(page);
    await studio.open();
    const projectPath = await studio.makeBranchedProject({ draft: DRAFT, branchPrompt: BRANCH });
    const before = await snapshots(studio, 3);

    // Next ends a SIGTERM with 143 once it has cleaned up; the cluster must be marked shut down by then.
    expect(await server.stop({ timeoutMs: 20_000 }), server.output()).toBe(SIGTERM_EXIT);
    expect(await clusterState(dataDir)).toBe(SHUT_DOWN);
    server = await startNextInstance({ port, env });
    try {
      await studio.open(projectPath);
      await expect(studio.historyEntries()).toHaveCount(3);
      await expectBranchAtV1(studio);
      expect(await snapshots(studio, 3)).toEqual(before);
      expect(server.output()).not.toMatch(/interrupted|error/i);
    } finally {
      expect(await server.stop({ timeoutMs: 20_000 })).toBe(SIGTERM_EXIT);
    }
  } finally {
    await context.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
