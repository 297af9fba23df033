/**
 * Drives the studio through one revision in headless Chromium and saves the README's screenshots:
 * light, dark, Chinese UI and a 390 px phone; then the Describe dialog reading a chart (and a
 * Chinese brief) with a follow-up question, in English, Chinese and on a phone.
 * Usage: BASE_URL=http://127.0.0.1:3000 npx tsx scripts/screenshots.ts [outDir]
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = process.argv[2] ?? "docs";
const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
const score = /^\d+(\.\d)?\/10$/;

/** One click on an example runs refine → render → critique; then one key press applies the revision. */
async function loop(page: Page, example: RegExp) {
  await page.goto(base);
  await page.getByRole("button", { name: example }).click();
  await page.getByText(score).first().waitFor({ timeout: 90_000 });
  const entries = page.getByRole("navigation").getByRole("button");
  await waitIdle(page);
  await page.locator("body").focus();
  await page.keyboard.press("Control+Shift+Enter");
  await entries.nth(1).waitFor({ timeout: 90_000 });
  await page.getByText(score).first().waitFor({ timeout: 90_000 });
  await waitIdle(page);
}

/** History entries are disabled while a step runs. */
async function waitIdle(page: Page) {
  await page.waitForFunction(() => {
    const entry = document.querySelector("nav li button");
    return entry instanceof HTMLButtonElement && !entry.disabled;
  }, undefined, { timeout: 90_000 });
}

async function shoot({ browser, name, example, ...options }: { browser: Browser; name: string; example: RegExp } & Parameters<Browser["newPage"]>[0]) {
  const page = await browser.newPage(options);
  await loop(page, example);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: (options?.viewport?.width ?? 1440) < 800 });
  await page.close();
  console.log(`saved ${out}/${name}.png`);
}

/** The Describe dialog after a summary and one follow-up about a fixture image. */
async function shootDescribe({ browser, name, file, question, ...options }: { browser: Browser; name: string; file: string; question: string } & Parameters<Browser["newPage"]>[0]) {
  const page = await browser.newPage(options);
  await page.goto(base);
  await page.getByRole("button", { name: /^(Describe|解读图像)$/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.locator('input[type="file"]').setInputFiles({ name: file, mimeType: "image/png", buffer: readFileSync(`tests/support/fixtures/${file}`) });
  const costLines = dialog.getByText(/^(Claude|Offline engine|离线引擎)/);
  await costLines.first().waitFor({ timeout: 90_000 });
  await dialog.getByRole("textbox").fill(question);
  await dialog.getByRole("textbox").press("Enter");
  await costLines.nth(1).waitFor({ timeout: 90_000 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/${name}.png` });
  await page.close();
  console.log(`saved ${out}/${name}.png`);
}

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ["--disable-background-networking", "--no-first-run"] });
  const desktop = { width: 1440, height: 1000 };
  await shoot({ browser, name: "studio", example: /Blue Hour/, viewport: desktop, colorScheme: "light", locale: "en-US" });
  await shoot({ browser, name: "studio-dark", example: /Blue Hour/, viewport: desktop, colorScheme: "dark", locale: "en-US" });
  await shoot({ browser, name: "studio-zh", example: /清晨/, viewport: desktop, colorScheme: "light", locale: "zh-CN" });
  await shoot({ browser, name: "studio-mobile", example: /coffee cup/, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, colorScheme: "light", locale: "en-US" });
  await shootDescribe({ browser, name: "describe", file: "quarterly-sales-chart.png", question: "Which quarter sold the most?", viewport: desktop, colorScheme: "light", locale: "en-US" });
  await shootDescribe({ browser, name: "describe-zh", file: "chinese-sales-brief.png", question: "第二季度的销售额是多少？", viewport: desktop, colorScheme: "light", locale: "zh-CN" });
  await shootDescribe({ browser, name: "describe-mobile", file: "quarterly-sales-chart.png", question: "What is the title?", viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, colorScheme: "light", locale: "en-US" });
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
