import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { CritiquePanel } from "../pages/critique-panel";
import { DescribeDialog, fixtureImage } from "../pages/describe-dialog";
import { StudioPage } from "../pages/studio-page";

const jazz = 'A poster for a night jazz festival, deep blue and gold, headline "Blue Hour"';

/** Serious and critical axe findings only; each one listed with where it is, so a failure says what to fix. */
async function axeProblems(page: Page): Promise<string[]> {
  // Colours are read once every CSS transition has ended: a button fading back from its
  // disabled grey (Create link, after its request) is mid-way between two passing states.
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== "running"));
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The focused element shows where it is: an outline, or (text fields) the focus-coloured border. */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) return true;
    const probe = document.createElement("span");
    probe.style.color = "var(--focus)";
    document.body.append(probe);
    const focus = getComputedStyle(probe).color;
    probe.remove();
    return style.borderTopColor === focus;
  });
}

/** Tabs forward until `name` has focus, checking that every stop on the way shows its focus. */
async function tabTo(page: Page, isTarget: () => Promise<boolean>) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    expect(await focusIsVisible(page), `focus visible on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))}`).toBe(true);
    if (await isTarget()) return;
  }
  throw new Error("never reached the target by Tab");
}

/** Apply revision by keyboard: one press renders the next round. */
async function applyByKeyboard({ studio, critique }: { studio: StudioPage; critique: CritiquePanel }, entries: number) {
  await studio.page.keyboard.press("Control+Shift+Enter");
  await expect(studio.historyEntries()).toHaveCount(entries, { timeout: 45_000 });
  await critique.score();
  await studio.waitUntilIdle();
}

test("the whole loop by keyboard alone, with visible focus at every stop", async ({ studio, page, critique }) => {
  await studio.open();
  await tabTo(page, () => studio.prompt.evaluate((el) => el === document.activeElement));
  await page.keyboard.type(jazz);
  await tabTo(page, () => studio.refineButton.evaluate((el) => el === document.activeElement));
  await page.keyboard.press("Enter");
  await expect(studio.refinedPrompt).toHaveValue(/Blue Hour/);
  await expect(studio.refineButton).toBeEnabled();

  await page.keyboard.press("Control+Enter");
  await critique.score();
  await studio.waitUntilIdle();
  await expect(page.getByRole("status").filter({ hasText: /Critique ready/ })).toHaveCount(1);

  await applyByKeyboard({ studio, critique }, 2);
  await page.locator("body").focus();
  await page.keyboard.press("[");
  await expect(studio.version(1)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("]");
  await expect(studio.version(2)).toHaveAttribute("aria-current", "true");

  await page.keyboard.press("?");
  const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(shortcuts).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(shortcuts).toBeHidden();
});

test("the Chinese UI runs the whole loop, the critique answers in Chinese, and the choice survives a reload", async ({ studio, page }) => {
  await studio.open();
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("button", { name: "生成" })).toBeVisible();

  const glyphs = page.waitForResponse((r) => /\/fonts\/noto-sans-sc\/noto-sans-sc-.+\.woff2\?v=/.test(r.url()) && r.ok());
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // The Chinese UI brings the CJK font's stylesheet, and the page's glyphs load from it.
  await expect(page.locator('link[rel="stylesheet"][href="/fonts/noto-sans-sc/stylesheet.css"]')).toHaveCount(1);
  expect((await glyphs).headers()["content-type"]).toBe("font/woff2");
  // The provider picker speaks Chinese too; only brand names stay as they are.
  await expect(page.getByRole("combobox", { name: "图像服务" }).locator("option")).toHaveText(["本地渲染器 — 约 1 秒 · 免费"]);
  const prompt = page.getByRole("textbox", { name: "提示词", exact: true });
  await prompt.fill(jazz);
  await page.getByRole("button", { name: "润色", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "润色后的提示词" })).toHaveValue(/Blue Hour/);
  await page.getByRole("button", { name: "生成" }).click();
  const critique = page.getByRole("region", { name: "评审" });
  await expect(critique.getByText(/^\d+(\.\d)?\/10$/).first()).toBeVisible({ timeout: 45_000 });
  // The critique, steering and auto-iterate panels speak Chinese too.
  await expect(critique.getByRole("button", { name: "应用修订" })).toBeVisible();
  await expect(critique.getByRole("textbox", { name: "给下一轮加一条备注" })).toBeVisible();
  await expect(page.getByRole("button", { name: "自动迭代", exact: true })).toBeVisible();
  // The prompt is English; the critique is written in the UI's language.
  // The Offline engine's summary, written in Chinese for an English prompt.
  await expect(critique.getByText(/^离线评审/)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "历史" }).getByRole("button")).toHaveCount(1);

  await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(studio.generateButton).toBeVisible();
});

test("an English page skips the CJK font until Chinese is typed", async ({ studio, page }) => {
  await studio.open();
  const cjkSheet = page.locator('link[rel="stylesheet"][href="/fonts/noto-sans-sc/stylesheet.css"]');
  await expect(studio.generateButton).toBeVisible();
  await expect(cjkSheet).toHaveCount(0);
  await studio.prompt.fill("雨夜的霓虹街道");
  await expect(cjkSheet).toHaveCount(1);
});

test("the browser's language is the default", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: "zh-CN", baseURL });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "从示例开始" })).toBeVisible();
  await context.close();
});

test("an example starts the loop in one click, at 390 px wide", async ({ studio, critique, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await studio.open();
  await expect(page.getByRole("heading", { name: "Start from an example" })).toBeVisible();
  await page.getByRole("button", { name: /清晨/ }).click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  await expect(studio.prompt).toHaveValue(/清晨/);
  await critique.score();
  await expect(studio.resultImages().first()).toBeVisible();
  // Nothing spills sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(page.getByRole("heading", { name: "Start from an example" })).toHaveCount(0);
});

test("the Offline badge explains how to connect Claude and a provider", async ({ studio, page }) => {
  await studio.open();
  await page.getByRole("button", { name: /Offline/ }).click();
  const howTo = page.getByRole("dialog", { name: "How to connect Claude and a provider" });
  await expect(howTo.getByText("ANTHROPIC_API_KEY")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(howTo).toBeHidden();
  await expect(page.getByRole("button", { name: /Offline/ })).toBeFocused();
});

test("the lightbox zooms by keyboard, closes on Escape and gives focus back", async ({ studio, page }) => {
  await studio.open();
  await studio.firstIteration(jazz);
  const image = studio.resultImages().first();
  await expect(image).toHaveAttribute("alt", /jazz festival/);
  await image.click();
  const viewer = page.getByRole("dialog", { name: "Image viewer" });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole("img")).toHaveAttribute("alt", /jazz festival/);
  const level = viewer.locator("output");
  await expect(level).toHaveText("100%");
  await page.keyboard.press("+");
  await expect(level).toHaveText("150%");
  await viewer.getByRole("button", { name: "Zoom in" }).click();
  await expect(level).toHaveText("200%");
  await page.keyboard.press("0");
  await expect(level).toHaveText("100%");
  // Focus stays inside while it is open.
  for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
  expect(await viewer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds nothing serious in the ${colorScheme} theme: studio, dialogs and share page`, async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ colorScheme, baseURL, viewport: { width: 1440, height: 960 } });
    const page = await context.newPage();
    const critique = new CritiquePanel(page);
    const studio = new StudioPage(page, critique);
    await studio.open();
    expect(await axeProblems(page), "empty studio").toEqual([]);

    await page.getByRole("button", { name: /Offline/ }).click();
    expect(await axeProblems(page), "engine how-to").toEqual([]);
    await page.keyboard.press("Escape");

    await page.keyboard.press("?");
    expect(await axeProblems(page), "shortcuts").toEqual([]);
    await page.keyboard.press("Escape");

    await studio.firstIteration(jazz);
    await applyByKeyboard({ studio, critique }, 2);
    expect(await axeProblems(page), "studio after a loop").toEqual([]);

    await studio.resultImages().first().click();
    expect(await axeProblems(page), "lightbox").toEqual([]);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Compare", exact: true }).click();
    expect(await axeProblems(page), "compare").toEqual([]);
    await page.keyboard.press("Escape");

    await page.getByRole("banner").getByRole("button", { name: "Projects", exact: true }).click();
    await expect(page.getByRole("dialog", { name: "Projects" }).getByText("Loading…")).toHaveCount(0);
    expect(await axeProblems(page), "projects").toEqual([]);
    await page.keyboard.press("Escape");

    const describe = new DescribeDialog(page);
    await describe.open();
    await describe.describe({ name: "chart.png", mimeType: "image/png", buffer: fixtureImage("quarterly-sales-chart.png") });
    expect(await axeProblems(page), "describe dialog").toEqual([]);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Share", exact: true }).click();
    const share = page.getByRole("dialog", { name: "Share" });
    await share.getByRole("button", { name: "Create link" }).click();
    const link = await share.getByRole("textbox", { name: "Share link" }).inputValue();
    // Measured once the dialog has settled: a control still greyed out while the link list reloads is not what a reader sees.
    await expect(share.getByRole("button", { name: "Revoke link", exact: true })).toBeEnabled();
    expect(await axeProblems(page), "share dialog").toEqual([]);
    await page.keyboard.press("Escape");

    await page.goto(link);
    await expect(page.getByRole("region", { name: "Critique" })).toBeVisible();
    expect(await axeProblems(page), "share page").toEqual([]);
    await context.close();
  });
}
