import { createHash } from "node:crypto";
import sharp from "sharp";
import { expect, test } from "../fixtures";
import { control, posts, type LoggedRequest } from "../provider-fakes";
import type { StudioPage } from "../pages/studio-page";

/*
 * A server with two provider fakes (fal and Luma) and the Offline engine, tried as a new user
 * would: Auto routing with its reason, a visible fallback, four concurrent variants, compare
 * mode, Cancel, and continuing from a variant that is not the best. Every timing claim is read
 * from the fakes' request logs, never from wall-clock thresholds.
 */

/** Every pair of [arrival, answer] spans overlaps: all the calls were in flight at once. */
function allOverlap(requests: LoggedRequest[]): boolean {
  const spans = requests.map((r) => [Date.parse(r.at), Date.parse(r.endedAt ?? new Date().toISOString())] as const);
  return spans.every(([s1, e1], i) => spans.every(([s2, e2], j) => i === j || (s1 < e2 && s2 < e1)));
}

async function renderWith(studio: StudioPage, input: { provider: string; variants?: number; draft: string }) {
  await studio.provider.selectOption(input.provider);
  if (input.variants) await studio.page.getByRole("combobox", { name: "Variants" }).selectOption(String(input.variants));
  await studio.writeDraft(input.draft);
  await studio.generate();
}

test.beforeEach(async () => {
  await Promise.all([control("fal", { reset: true }), control("luma", { reset: true })]);
});

test("the picker shows each provider's typical time and price, and Auto states its reason", async ({ studio, page }) => {
  await studio.open();
  const options = await studio.provider.getByRole("option").allTextContents();
  expect(options).toEqual(["Auto — picks a provider per prompt", "Local renderer — ~1 s · free", "fal — ~5 s · $0.025/image", "Luma — ~15 s · $0.015/image"]);

  await renderWith(studio, { provider: "auto", draft: "a fox in the snow at dawn" });
  await studio.waitForImages();
  await expect(page.getByTestId("auto-reason")).toHaveText("Auto: best quality for the price (fal · fal-ai/flux-pro/v1.1)");
  await expect(studio.results.getByText("fal · fal-ai/flux-pro/v1.1", { exact: true })).toBeVisible();
  expect(await posts("fal")).toHaveLength(1);
  expect(await posts("luma")).toHaveLength(0);
});

test("a failing provider falls back visibly to the other one", async ({ studio }) => {
  await control("fal", { failNext: { status: 503, count: 1 } });
  await studio.open();
  await renderWith(studio, { provider: "auto", draft: "a fox in the snow at dawn" });
  await studio.waitForImages();
  await expect(studio.results.getByText("fell back from fal to Luma: error 503")).toBeVisible();
  await expect(studio.results.getByText("Luma · photon-1", { exact: true })).toBeVisible();
  expect((await posts("fal")).map((r) => r.status)).toEqual([503]);
  expect(await posts("luma")).toHaveLength(1);
});

test("four variants are requested at once; the best is marked and another can be continued from", async ({ studio, page, critique }) => {
  // Long enough that sequential calls could never overlap.
  await control("fal", { latencyMs: 800 });
  await studio.open();
  await renderWith(studio, { provider: "fal", variants: 4, draft: "a lighthouse on a cliff, four moods" });
  await expect(studio.resultImages()).toHaveCount(4, { timeout: 45_000 });
  const calls = await posts("fal");
  expect(calls).toHaveLength(4);
  expect(allOverlap(calls)).toBe(true);

  await critique.score();
  await studio.waitUntilIdle();
  const best = studio.results.getByTestId("best-badge");
  await expect(best).toHaveCount(1);
  await expect(best).toHaveText("★ Best — highest critique score");
  const bestCard = studio.results.getByRole("figure", { name: /best critique score/ });
  await expect(bestCard.getByRole("button", { name: "Continuing from this one" })).toHaveAttribute("aria-pressed", "true");

  const other = studio.results.getByRole("figure").filter({ hasNot: page.getByTestId("best-badge") }).first();
  const name = await other.getAttribute("aria-label");
  const position = Number(/Variant (\d)/.exec(name ?? "")?.[1]);
  await other.getByRole("button", { name: "Continue from this one" }).click();
  await expect(other.getByRole("button", { name: "Continuing from this one" })).toHaveAttribute("aria-pressed", "true");
  // The critique panel now shows that variant's critique, which Apply revision will use.
  await expect(critique.region.getByRole("tab", { selected: true })).toHaveText(new RegExp(`^#${position} `));

  // The choice is stored: it survives a reload.
  await page.reload();
  const again = studio.results.getByRole("figure", { name: new RegExp(`^Variant ${position}\\b`) });
  await expect(again.getByRole("button", { name: "Continuing from this one" })).toHaveAttribute("aria-pressed", "true");
  await expect(critique.region.getByRole("tab", { selected: true })).toHaveText(new RegExp(`^#${position} `));
});

test("compare mode renders one prompt on two providers side by side, each with its time and price", async ({ studio, page, critique }) => {
  await control("fal", { latencyMs: 400 });
  await control("luma", { latencyMs: 400 });
  await studio.open();
  await page.getByRole("checkbox", { name: "Compare providers side by side" }).check();
  const chooser = page.getByRole("group", { name: "Providers to compare" });
  await chooser.getByRole("checkbox", { name: "Luma" }).check();
  await chooser.getByRole("checkbox", { name: "Local renderer" }).uncheck();
  await studio.writeDraft("a ceramic cup on linen, morning light");
  await studio.generate();

  const columns = studio.results.getByRole("group", { name: "Providers side by side" }).getByRole("figure");
  await expect(columns).toHaveCount(2, { timeout: 45_000 });
  await expect(columns.nth(0).getByTestId("variant-source")).toHaveText(/^fal\s*fal-ai\/flux\/dev\s*[\d.]+ (ms|s)\s*\$0\.025$/);
  await expect(columns.nth(1).getByTestId("variant-source")).toHaveText(/^Luma\s*photon-1\s*[\d.]+ (ms|s)\s*\$0\.015$/);
  // Side by side on screen, and in flight at the same time.
  const [a, b] = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
  expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
  expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
  expect(allOverlap([(await posts("fal"))[0]!, (await posts("luma"))[0]!])).toBe(true);

  // Each column is critiqued; the best is marked.
  await critique.score();
  await studio.waitUntilIdle();
  await expect(studio.results.getByTestId("best-badge")).toHaveCount(1);
  await expect(studio.results.getByText("fal vs Luma", { exact: true })).toBeVisible();
});

test("Cancel stops the calls in flight and keeps the variants that finished", async ({ studio, page, critique }) => {
  // Two calls answer quickly, two would take a minute.
  await control("fal", { latencyMs: [300, 300, 60_000, 60_000] });
  await studio.open();
  await renderWith(studio, { provider: "fal", variants: 4, draft: "a paper boat on a pond" });
  await expect.poll(async () => (await posts("fal")).filter((r) => r.endedAt && !r.aborted).length, { timeout: 30_000 }).toBe(2);
  await page.getByRole("button", { name: "Cancel" }).click();

  await expect(studio.results.getByRole("status")).toContainText("Cancelled — kept 2 of 4.", { timeout: 15_000 });
  await expect(studio.resultImages()).toHaveCount(2);
  // The provider saw the two slow calls hang up: they were really stopped, not left running.
  await expect.poll(async () => (await posts("fal")).filter((r) => r.aborted).length).toBe(2);
  // The kept images are critiqued like any others.
  await critique.score();
  await expect(studio.results.getByTestId("best-badge")).toHaveCount(1);
});

test("a reference goes to fal as the image of its Kontext endpoint, and to Luma as words", async ({ studio, page }) => {
  await studio.open();
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#1f4e9c" } }).jpeg().toBuffer();
  const panel = page.getByRole("region", { name: "Reference image" });
  await panel.getByLabel("Upload a reference image").setInputFiles({ name: "reference.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(panel.getByLabel("Reference description")).toBeVisible({ timeout: 30_000 });
  // The provider gets the stored copy (re-encoded, metadata stripped), byte for byte.
  const src = (await panel.getByRole("img", { name: "Reference image" }).getAttribute("src"))!.replace(/\?w=\d+$/, "");
  const stored = createHash("sha256").update(await (await page.request.get(src)).body()).digest("hex");

  await renderWith(studio, { provider: "fal", draft: "a poster of a red kite" });
  await studio.waitForImages();
  await expect(studio.results.getByText("fal · fal-ai/flux-pro/kontext", { exact: true })).toBeVisible();
  await expect(studio.results.getByText("reference sent as an image to fal · fal-ai/flux-pro/kontext")).toBeVisible();
  const [sent] = await posts("fal");
  expect(sent?.path).toBe("/fal-ai/flux-pro/kontext");
  expect(sent?.body?.image_url).toMatchObject({ mediaType: "image/jpeg", sha256: stored });
  expect(String(sent?.body?.prompt)).not.toContain("In the style of the reference");

  await studio.provider.selectOption("luma");
  await studio.generate();
  await expect(studio.results.getByText("reference sent as words to Luma · photon-1 (it takes no image input)")).toBeVisible({ timeout: 30_000 });
  const [described] = await posts("luma");
  expect(String(described?.body?.prompt)).toContain("In the style of the reference:");
  expect(Object.keys(described?.body ?? {})).not.toContain("image");
});
