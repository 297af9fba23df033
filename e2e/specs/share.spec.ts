import type { APIResponse, Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import type { CritiquePanel } from "../pages/critique-panel";
import type { StudioPage } from "../pages/studio-page";

const DRAFT = 'A poster for a night jazz festival, deep blue and gold, headline "Blue Hour"';

async function makeIteration({ studio, critique }: { studio: StudioPage; critique: CritiquePanel }) {
  await studio.open();
  await studio.writeDraft(DRAFT);
  await studio.generate();
  const src = await studio.firstImageSrc();
  const score = await critique.score();
  // The first render moves the studio from / to /p/<id>, and the router then swaps in that page,
  // remounting the studio (and closing any open dialog). Reloading settles on /p/<id> first.
  await studio.page.reload();
  await expect(studio.resultImages().first()).toHaveAttribute("src", src);
  await critique.score();
  return { src, score };
}

/** A visitor who has never used this Loupe: a fresh context, so no owner cookie. */
async function visitor(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  expect(await context.cookies()).toEqual([]);
  return { context, page: await context.newPage() };
}

function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

// Browsers get metadata streamed (it may land after <head>); link unfurlers get it in <head>, checked below.
async function meta(page: Page, selector: string): Promise<string | null> {
  return page.locator(`meta[${selector}]`).first().getAttribute("content");
}

/** The <head> as a link unfurler receives it (Next renders metadata blocking for known bots). */
async function unfurlerHead(context: BrowserContext, url: string): Promise<string> {
  const response = await context.request.get(url, { headers: { "user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" } });
  expect(response.status()).toBe(200);
  const html = await response.text();
  return html.slice(0, html.indexOf("</head>"));
}

/**
 * The share page's URL for an image the studio shows at `studioSrc`: the same stored bytes, but
 * under the link (/s/<token>/images/<key>), so it stops with the link.
 */
function sharedSrc(shareUrl: string, studioSrc: string): string {
  return `${new URL(shareUrl).pathname}/images/${studioSrc.split("/").pop()}`;
}

function expectShareHeaders(response: APIResponse | { headers(): Record<string, string> }) {
  expect(response.headers()["referrer-policy"]).toBe("no-referrer");
}

test("a shared iteration opens without cookies, unfurls with a preview, and answers 410 once revoked", async ({ studio, critique, share, browser }) => {
  const { src, score } = await makeIteration({ studio, critique });
  await share.open();
  const url = await share.createLink();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43}$/);

  const guest = await visitor(browser);
  const response = await guest.page.goto(url);
  expect(response?.status()).toBe(200);
  expectShareHeaders(response!);

  // The image, the prompt it was rendered from, and the critique with its score.
  const shownAt = sharedSrc(url, src);
  await expect(guest.page.getByRole("region", { name: "Results" }).getByRole("img")).toHaveAttribute("src", shownAt);
  // The bytes come through the link; the owner's own URL opens nothing without the owner's cookie.
  const sharedImage = await guest.context.request.get(shownAt);
  expect(sharedImage.status()).toBe(200);
  expect(sharedImage.headers()["content-type"]).toMatch(/^image\//);
  expect(sharedImage.headers()["cache-control"]).toBe("private, no-cache");
  expect((await guest.context.request.get(src)).status()).toBe(404);
  await expect(guest.page.getByText(DRAFT)).toBeVisible();
  const shared = guest.page.getByRole("region", { name: "Critique" });
  await expect(shared.getByText(`${score.toFixed(1)}/10`, { exact: true }).first()).toBeVisible();
  await expect(shared.getByText("Offline engine (heuristics, not Claude)")).toBeVisible();
  // Read-only: none of the studio's controls, and no owner cookie was handed to the visitor.
  await expect(guest.page.getByRole("button", { name: "Generate" })).toHaveCount(0);
  await expect(guest.page.getByRole("button", { name: "Share" })).toHaveCount(0);
  expect(await guest.context.cookies()).toEqual([]);

  // Metadata for crawlers and link unfurlers.
  expect(await meta(guest.page, 'name="robots"')).toMatch(/noindex.*nofollow/);
  expect(await meta(guest.page, 'name="twitter:card"')).toBe("summary_large_image");
  expect(await meta(guest.page, 'property="og:title"')).toContain(`${score.toFixed(1)}/10`);
  const ogImage = await meta(guest.page, 'property="og:image"');
  expect(ogImage).toMatch(new RegExp(`^${url}/opengraph-image`));
  expect(await meta(guest.page, 'name="twitter:image"')).toBe(ogImage);

  const head = await unfurlerHead(guest.context, url);
  expect(head).toContain(`<meta property="og:image" content="${ogImage!.replaceAll("&", "&amp;")}"`);
  expect(head).toContain('<meta name="twitter:card" content="summary_large_image"');
  expect(head).toMatch(/<meta name="robots" content="noindex, nofollow/);

  const preview = await guest.context.request.get(ogImage!);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("image/png");
  expect(pngSize(await preview.body())).toEqual({ width: 1200, height: 630 });

  await share.revoke();
  await expect(share.status).toContainText("Link revoked");

  const gone = await guest.context.request.get(url);
  expect(gone.status()).toBe(410);
  expectShareHeaders(gone);
  expect(await gone.text()).toContain("This link is no longer available");
  expect((await guest.context.request.get(ogImage!)).status()).toBe(410);
  // Everything the visitor saw stops with the link: the image URLs, sized or not, and the content
  // hash they could read from them. The owner's own view keeps working.
  for (const path of [shownAt, `${shownAt}?w=512`, `/api/images/${src.split("/").pop()}`]) {
    const after = await guest.context.request.get(path, { headers: { accept: "image/avif,image/webp,*/*" } });
    expect(after.status(), path).toBeGreaterThanOrEqual(400);
    expect(after.headers()["content-type"] ?? "", path).not.toMatch(/^image\//);
  }
  expect((await studio.page.request.get(src)).status()).toBe(200);
  await guest.page.reload();
  await expect(guest.page.getByRole("heading", { name: "This link is no longer available" })).toBeVisible();
  await expect(guest.page.getByRole("img")).toHaveCount(0);
  await guest.context.close();
});

test("a shared trail shows the iterations that led to the shared one, and nothing after it", async ({ studio, critique, share, browser }) => {
  const first = await makeIteration({ studio, critique });
  const secondPrompt = "A poster for a night jazz festival, midnight blue and brass gold, a lone saxophone, headline \"Blue Hour\"";
  await renderNext({ studio, critique }, { prompt: secondPrompt, count: 2 });
  const second = await studio.firstImageSrc();

  await share.open();
  const url = await share.createLink({ scope: "Whole trail", expiresIn: "After 7 days" });
  await expect(share.dialog.getByText(/Whole trail · expires/)).toBeVisible();
  await share.close();

  // An iteration made after sharing must not appear on the shared page.
  const laterPrompt = "A poster for a summer rock festival, neon pink, headline \"Later\"";
  await renderNext({ studio, critique }, { prompt: laterPrompt, count: 3 });

  const guest = await visitor(browser);
  await guest.page.goto(url);
  await expect(guest.page.getByText("Shared trail · 2 iterations · read-only")).toBeVisible();
  await expect(guest.page.getByRole("region", { name: "Results" }).getByRole("img")).toHaveAttribute("src", sharedSrc(url, second));
  await expect(guest.page.getByText(secondPrompt)).toBeVisible();
  const trail = guest.page.getByRole("region", { name: "How it got here" });
  await expect(trail.getByRole("listitem")).toHaveCount(1);
  await expect(trail.getByRole("img")).toHaveAttribute("src", sharedSrc(url, first.src));
  await expect(trail.getByText(DRAFT)).toBeVisible();
  await expect(guest.page.getByText(/Later/)).toHaveCount(0);
  await expect(guest.page.getByText(/this link expires on/)).toBeVisible();
  await guest.context.close();
});

/** Renders an edited prompt as the next iteration, branching from the one on screen. */
async function renderNext({ studio, critique }: { studio: StudioPage; critique: CritiquePanel }, { prompt, count }: { prompt: string; count: number }) {
  await studio.refinedPrompt.fill(prompt);
  await studio.generate();
  await expect(studio.historyEntries()).toHaveCount(count);
  await critique.score();
}

test("the Share dialog is a labelled modal that Escape closes, and it lists the project's links", async ({ studio, critique, share, page }) => {
  await makeIteration({ studio, critique });
  await share.open();
  // Focus starts inside the dialog and stays there.
  await expect(share.dialog.getByRole("radio", { name: "This iteration" })).toBeFocused();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await share.dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await share.createLink();
  await share.createLink({ scope: "Whole trail" });
  await share.dialog.getByText(/Links to this project/).click();
  await expect(share.dialog.getByText("Links to this project · 2 active of 2")).toBeVisible();
  await share.close();
  await expect(share.shareButton).toBeFocused();
});

test("unknown and malformed share links answer 404, never 500", async ({ page }) => {
  const wellFormedUnknown = `/s/${"Q".repeat(42)}A`;
  const malformed = ["/s/not-a-token", `/s/${"Q".repeat(42)}B`, `/s/${"Q".repeat(44)}`, "/s/%00", `/s/${"Q".repeat(42)}A/opengraph-image`];
  for (const path of [wellFormedUnknown, ...malformed]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
  const response = await page.goto(wellFormedUnknown);
  expect(response?.status()).toBe(404);
  expectShareHeaders(response!);
  await expect(page.getByRole("heading", { name: "This share link does not exist" })).toBeVisible();
  expect(await meta(page, 'name="robots"')).toMatch(/noindex/);
});

test("a revoked link's images stop with it, however the visitor noted them; the owner's keep working", async ({ studio, critique, share, browser }) => {
  const { src } = await makeIteration({ studio, critique });
  await share.open();
  const url = await share.createLink();

  // Every image URL the visitor's browser fetched while the link was live, whatever form it has.
  const guest = await visitor(browser);
  const seen = new Set<string>();
  guest.page.on("response", (response) => {
    if (/^image\//.test(response.headers()["content-type"] ?? "") && response.status() === 200) seen.add(response.url());
  });
  await guest.page.goto(url);
  await expect(guest.page.getByRole("region", { name: "Results" }).getByRole("img")).toBeVisible();
  await expect.poll(() => seen.size).toBeGreaterThan(0);
  // And the content address, which the page's markup reveals.
  const key = /[0-9a-f]{64}\.(?:png|jpg|webp|gif)/.exec(await guest.page.content())![0];
  const urls = [...seen, new URL(`/api/images/${key}`, url).toString(), new URL(`/api/images/${key}?w=512`, url).toString()];

  await share.revoke();
  await expect(share.status).toContainText("Link revoked");
  for (const image of urls) {
    const after = await guest.context.request.get(image, { headers: { accept: "image/avif,image/webp,*/*" } });
    expect(after.status(), image).toBeGreaterThanOrEqual(400);
    expect(after.headers()["content-type"] ?? "", image).not.toMatch(/^image\//);
  }
  await guest.context.close();
  // The owner's own view of the image is not the link's: it keeps working.
  const own = await studio.page.request.get(src);
  expect(own.status()).toBe(200);
  expect(own.headers()["cache-control"]).toMatch(/^private/);
});
