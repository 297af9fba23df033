/**
 * Drives the studio through one revision in headless Chromium and saves screenshots.
 * Usage: BASE_URL=http://127.0.0.1:3000 npx tsx scripts/screenshots.ts [outDir]
 */
import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = process.argv[2] ?? "docs";
const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;

async function loop(page: Page, draft: string) {
  await page.goto(base);
  await page.getByRole("textbox", { name: "Prompt", exact: true }).fill(draft);
  let t = Date.now();
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await page.getByRole("button", { name: "Refine", exact: true }).isEnabled();
  await page.waitForFunction(() => !(document.querySelector("#refined") as HTMLTextAreaElement)?.readOnly && (document.querySelector("#refined") as HTMLTextAreaElement)?.value.length > 0);
  console.log("refine", Date.now() - t);
  t = Date.now();
  await page.getByRole("button", { name: /Generate/ }).click();
  await page.getByRole("region", { name: "Critique" }).getByText(/^\d+(\.\d)?\/10$/).waitFor({ timeout: 60_000 });
  console.log("generate+critique", Date.now() - t);
  t = Date.now();
  await page.getByRole("button", { name: /Apply revision/ }).click();
  await page.getByRole("navigation", { name: "History" }).getByRole("button").nth(1).waitFor();
  await page.getByRole("region", { name: "Critique" }).getByText(/^\d+(\.\d)?\/10$/).waitFor({ timeout: 60_000 });
  console.log("revision", Date.now() - t);
}

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath, args: ["--disable-background-networking", "--no-first-run"] });
  for (const scheme of ["light", "dark"] as const) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, colorScheme: scheme });
    await loop(page, 'A poster for a night jazz festival, deep blue and gold, headline "Blue Hour"');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/studio${scheme === "dark" ? "-dark" : ""}.png` });
    await page.close();
  }
  const mobile = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
  await loop(mobile, "一张极简风格的茶饮海报，暖橙色和米白色，标题「清晨」");
  await mobile.screenshot({ path: `${out}/studio-mobile.png`, fullPage: true });
  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
