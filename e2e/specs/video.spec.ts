import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { mp4WithTone } from "../../tests/support/video-files";

// A clip renders, is stored and read back frame by frame: slower than a still on a shared machine.
test.describe.configure({ timeout: 180_000 });

const DRAFT = 'A short clip for a night jazz festival, deep blue and gold, headline "Blue Hour"';

/** A Range request for the first 100 bytes of a clip URL, as a player seeking sends it. */
async function firstBytes(page: Page, url: string) {
  const response = await page.request.get(url, { headers: { range: "bytes=0-99" } });
  return { status: response.status(), range: response.headers()["content-range"], type: response.headers()["content-type"], length: (await response.body()).length };
}

async function firstClip({ studio, page }: { studio: import("../pages/studio-page").StudioPage; page: Page }) {
  await studio.open();
  await studio.chooseOutput("Video");
  await expect(studio.provider).toContainText("Local video renderer");
  await expect(page.getByTestId("clip-price")).toContainText("free");
  await studio.writeDraft(DRAFT);
  await studio.generate();
  return studio.waitForClip();
}

test("Output Video → Generate plays a clip served with Range requests, and its critique names moments by time", async ({ studio, critique, page }) => {
  const { src, duration } = await firstClip({ studio, page });
  expect(duration).toBeGreaterThan(4);
  expect(await studio.clip().getAttribute("poster")).toMatch(/^\/api\/images\/[0-9a-f]{64}\.(jpg|png|webp)$/);
  const range = await firstBytes(page, src);
  expect(range).toMatchObject({ status: 206, type: "video/webm", length: 100 });
  expect(range.range).toMatch(/^bytes 0-99\/\d+$/);

  await critique.score();
  await expect(critique.region).toContainText("Motion & temporal consistency");
  const mark = critique.region.getByRole("button", { name: /^Play the clip from \d+:\d{2}(\.\d)?$/ }).first();
  await expect(mark).toBeVisible();
  // A time mark seeks the player to that moment.
  const label = (await mark.textContent())!;
  const [m, sec] = label.split(":").map(Number) as [number, number];
  await mark.click();
  await expect.poll(() => studio.clip().evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThanOrEqual(m * 60 + sec);
  await expect(studio.version(1)).toContainText("clip");
});

test("one click on Apply revision renders the next clip and critiques it; Compare plays the two in sync", async ({ studio, critique, compare, page }) => {
  const first = await firstClip({ studio, page });
  await critique.score();
  await studio.waitUntilIdle();
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 90_000 });
  const next = await studio.waitForClip();
  expect(next.src).not.toBe(first.src);
  await critique.score();
  await expect(studio.version(2)).toContainText("clip");

  // Compare v1 and v2: two players; play, pause and a seek on one are mirrored on the other.
  await studio.waitUntilIdle();
  await compare.open();
  const clips = compare.dialog.getByTestId("synced-clips").locator("video");
  await expect(clips).toHaveCount(2);
  const [a, b] = [clips.nth(0), clips.nth(1)];
  for (const clip of [a, b]) await expect.poll(() => clip.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await a.evaluate((v: HTMLVideoElement) => v.play());
  await expect.poll(() => b.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime > 0), { timeout: 15_000 }).toBe(true);
  await b.evaluate((v: HTMLVideoElement) => v.pause());
  await expect.poll(() => a.evaluate((v: HTMLVideoElement) => v.paused), { timeout: 10_000 }).toBe(true);
  await b.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 3;
  });
  await expect.poll(() => a.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 10_000 }).toBeGreaterThan(2.7);
});

test("a shared clip plays for a visitor with no cookies, with og:video and a poster, and stops once the link is revoked", async ({ studio, critique, share, page, browser }) => {
  await firstClip({ studio, page });
  await critique.score();
  await studio.waitUntilIdle();
  await page.reload();
  await studio.waitForClip();
  await share.open();
  const link = await share.createLink();

  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(link);
  const video = visitor.locator("video");
  await expect(video).toBeVisible();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => (v.readyState >= 2 ? v.duration : 0)), { timeout: 30_000 }).toBeGreaterThan(0);
  const src = await video.evaluate((v: HTMLVideoElement) => v.currentSrc);
  expect(new URL(src).pathname).toMatch(/^\/s\/[A-Za-z0-9_-]{43}\/videos\/[0-9a-f]{64}\.webm$/);
  expect(await video.getAttribute("poster")).toBeTruthy();
  expect((await firstBytes(visitor, src)).status).toBe(206);
  await expect(visitor.locator('meta[property="og:video"]').first()).toHaveAttribute("content", /\/s\/.+\/videos\/[0-9a-f]{64}\.webm$/);
  await expect(visitor.locator('meta[property="og:video:type"]')).toHaveAttribute("content", "video/webm");
  await expect(visitor.locator('meta[property="og:type"]')).toHaveAttribute("content", "video.other");
  await expect(visitor.locator('meta[property="og:image"]').first()).toHaveAttribute("content", /opengraph-image/);
  // The plain-HTML page: the browser's own player, no script of any kind; the CSP lets the clip (and nothing else) load.
  await expect(visitor.locator("script")).toHaveCount(0);
  await expect(video).toHaveAttribute("controls", "");
  await expect(video).toHaveAttribute("preload", "metadata");
  // The clip's critique is shown with its aspects and the issues' time marks.
  await expect(visitor.getByText("Motion & temporal consistency")).toBeVisible();
  await expect(visitor.locator(".issues .at").first()).toHaveText(/^\d+:\d{2}(\.\d)? —/);
  // Nothing was set on the visitor: the page and the clip need no cookie.
  expect(await context.cookies()).toEqual([]);
  // The owner's own clip URL is not for visitors.
  const ownerSrc = await studio.clip().evaluate((v: HTMLVideoElement) => v.currentSrc);
  expect((await visitor.request.get(ownerSrc)).status()).toBe(404);
  // A clip the link does not show is refused even with the link's token.
  expect((await visitor.request.get(src.replace(/[0-9a-f]{64}\.webm$/, `${"0".repeat(64)}.webm`))).status()).toBe(404);

  // Revoked: the page and the clip answer 410 at once, on the next range request too.
  await share.revoke();
  expect((await visitor.request.get(link)).status()).toBe(410);
  const after = await visitor.request.get(src, { headers: { range: "bytes=0-99" } });
  expect(after.status()).toBe(410);
  expect(after.headers()["cache-control"]).toBe("no-store");
  await context.close();
});

test("Animate turns a still into a clip that starts from it, a child of the still in History", async ({ studio, critique, page }) => {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await studio.generate();
  await critique.score();
  await studio.waitUntilIdle();
  await studio.results.getByRole("button", { name: "Animate", exact: true }).click();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 90_000 });
  await studio.waitForClip();
  await critique.score();
  await expect(studio.version(2)).toContainText("clip");
  // The clip is the still's child: its entry sits inside the still's list item.
  await expect(studio.versionItem(1).getByRole("button", { name: /^v2 / })).toBeVisible();
  // The Output radios still say Image: Animate made a clip without changing the designer's choice.
  await expect(studio.output.getByRole("radio", { name: "Image", exact: true })).toBeChecked();
  expect(page.url()).toMatch(/\/p\/[0-9a-f-]{36}$/);
});

test("Describe summarises an uploaded MP4 with time marks, says plainly there is no transcript, and answers a follow-up", async ({ studio, describe }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "loupe-e2e-clip-"));
  try {
    const buffer = readFileSync(mp4WithTone(path.join(dir, "clip.mp4"), 4));
    await studio.open();
    await describe.open();
    await describe.describe({ name: "launch-teaser.mp4", mimeType: "video/mp4", buffer });
    await expect(describe.summary).toContainText(/0:0\d/);
    await expect(describe.summary).toContainText("No transcript");
    await expect(describe.dialog.locator("video")).toBeVisible();
    await describe.ask("What happens at the start?", 2);
    await expect(describe.summary).toContainText("You asked: What happens at the start?");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
