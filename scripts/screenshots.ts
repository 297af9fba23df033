/**
 * Drives the studio through one revision in headless Chromium and saves the README's screenshots:
 * light, dark, Chinese UI and a 390 px phone.
 * Usage: BASE_URL=http://127.0.0.1:3000 npx tsx scripts/screenshots.ts [outDir]
 */
import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = process.argv[2] ?? "docs";
const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
const score = /^\d+(\.\d)?\/10$/;

/** One click on an example runs refine → render → critique; then the revision is applied by keyboard. */
async function loop(page: Page, example: RegExp) {
  await page.goto(base);
  await page.getByRole("button", { name: example }).click();
  await page.getByText(score).first().waitFor({ timeout: 90_000 });
  const entries = page.getByRole("navigation").getByRole("button");
  await waitIdle(page);
  await page.locator("body").focus();
  await page.keyboard.press("Control+Shift+Enter");
  // A revision may be shown for review first; the same keys then render it.
  if (!(await entries.nth(1).isVisible({ timeout: 8_000 }).catch(() => false))) {
    await waitIdle(page);
    await page.keyboard.press("Control+Shift+Enter");
  }
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

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ["--disable-background-networking", "--no-first-run"] });
  const desktop = { width: 1440, height: 1000 };
  await shoot({ browser, name: "studio", example: /Blue Hour/, viewport: desktop, colorScheme: "light", locale: "en-US" });
  await shoot({ browser, name: "studio-dark", example: /Blue Hour/, viewport: desktop, colorScheme: "dark", locale: "en-US" });
  await shoot({ browser, name: "studio-zh", example: /清晨/, viewport: desktop, colorScheme: "light", locale: "zh-CN" });
  await shoot({ browser, name: "studio-mobile", example: /coffee cup/, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, colorScheme: "light", locale: "en-US" });
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
