import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { resetFakes } from "./fakes";
import type { Ctx } from "./server-scenarios";
import { busyTime, median, summarise } from "./stats";
import { kb, ms, type Row } from "./table";

/*
 * Figures only a real browser can give: bytes of JS on first load, the time from the fake's
 * first SSE delta to that text in the DOM, and click-to-visible end to end. Headless system
 * Chromium; all clocks are epoch milliseconds on one machine.
 */

const failureShot = path.join(__dirname, ".tmp", "browser-failure.png");

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath, args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"] });
}

/** Compressed JS bytes (response bodies as transferred) on a cold first load. */
async function jsBytes(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: Array<Promise<number>> = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() === "script") scripts.push(request.sizes().then((s) => s.responseBodySize));
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const total = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  await context.close();
  return total;
}

// Patches the textarea value setter before React captures it, to timestamp the moment text lands in the DOM.
const watchRefined = () => {
  const w = window as unknown as { __firstText?: number; __armed?: boolean };
  const descriptor = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!;
  Object.defineProperty(HTMLTextAreaElement.prototype, "value", {
    ...descriptor,
    set(this: HTMLTextAreaElement, value: string) {
      descriptor.set!.call(this, value);
      if (w.__armed && w.__firstText === undefined && value && this.getAttribute("aria-label") !== "Prompt" && this.id !== "prompt") {
        w.__firstText = performance.timeOrigin + performance.now();
      }
    },
  });
};

async function streamPassThrough(ctx: Ctx, page: Page, runs: number): Promise<number[]> {
  const out: number[] = [];
  const refined = page.getByRole("textbox", { name: "Refined prompt" });
  for (let i = 0; i < runs; i++) {
    resetFakes(ctx.fakes);
    // Spread the tokens out so that the first delta is clearly separate from the rest.
    ctx.fakes.anthropic.setLatency({ firstTokenMs: 0, perTokenMs: 5 });
    await page.evaluate(() => {
      const w = window as unknown as { __firstText?: number; __armed?: boolean };
      w.__firstText = undefined;
      w.__armed = true;
    });
    await page.getByRole("button", { name: "Refine", exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { __firstText?: number }).__firstText !== undefined, undefined, { timeout: 15_000 });
    const refineButton = page.getByRole("button", { name: "Refine", exact: true });
    for (let t = 0; t < 300 && !(await refineButton.isEnabled()); t++) await page.waitForTimeout(20);
    if (!(await refined.inputValue())) throw new Error("refine produced no text");
    const firstText = await page.evaluate(() => (window as unknown as { __firstText: number }).__firstText);
    const firstDelta = ctx.fakes.anthropicProxy.exchanges.find((e) => e.firstDeltaAt !== null)?.firstDeltaAt;
    if (firstDelta) out.push(firstText - firstDelta);
    await page.waitForTimeout(300); // let the stream finish before the next run
  }
  resetFakes(ctx.fakes);
  return out;
}

/** Click → a new image loaded in Results, and (for Apply revision, one click) → its critique score shown. */
type Visible = { ms: number; startedAt: number; imageInDomMs: number; provider?: number };

async function clickToVisible(page: Page, button: string, waitForCritique: boolean): Promise<Visible> {
  const target = await page.getByRole("button", { name: button }).first().elementHandle();
  return page.evaluate(
    ({ target, waitForCritique }) =>
      new Promise<Visible>((resolve, reject) => {
        // Looked up on every check: before the first render the studio shows an empty state instead of these regions.
        const region = (name: string) => document.querySelector(`section[aria-label="${name}"]`);
        const before = new Set([...document.querySelectorAll("img")].map((img) => img.currentSrc || img.src));
        const started = performance.now();
        let imageInDomMs = Number.NaN;
        const check = () => {
          const added = [...(region("Results")?.querySelectorAll("img") ?? [])].filter((img) => !before.has(img.currentSrc || img.src));
          if (added.length > 0 && Number.isNaN(imageInDomMs)) imageInDomMs = performance.now() - started;
          const fresh = added.some((img) => img.complete && img.naturalWidth > 0);
          const text = region("Critique")?.textContent ?? "";
          const scored = !waitForCritique || (/\d+(\.\d)?\/10/.test(text) && !/Critiquing/i.test(text));
          if (fresh && scored) {
            observer.disconnect();
            resolve({ ms: performance.now() - started, startedAt: performance.timeOrigin + started, imageInDomMs });
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        document.addEventListener("load", check, true);
        (target as HTMLButtonElement | null)?.click();
        setTimeout(() => reject(new Error("nothing visible within 30 s")), 30_000);
      }),
    { target, waitForCritique },
  );
}

async function idle(page: Page) {
  const apply = page.getByRole("button", { name: "Apply revision" });
  for (let i = 0; i < 300 && !((await apply.count()) > 0 && (await apply.isEnabled())); i++) await page.waitForTimeout(50);
  const generate = page.getByRole("button", { name: "Generate" });
  for (let i = 0; i < 300 && !(await generate.isEnabled()); i++) await page.waitForTimeout(50);
}

export async function measureBrowser({ ctx, shareUrl, runs }: { ctx: Ctx; shareUrl: string; runs: number }): Promise<Row[]> {
  const browser = await launch();
  try {
    const studioJs: number[] = [];
    const shareJs: number[] = [];
    for (let i = 0; i < 3; i++) {
      studioJs.push(await jsBytes(browser, `${ctx.url}/`));
      shareJs.push(await jsBytes(browser, shareUrl));
    }
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    // tsx compiles with keepNames, which wraps named inner functions in a `__name` helper the page lacks.
    await context.addInitScript({ content: "globalThis.__name = (f) => f;" });
    await context.addInitScript(watchRefined);
    const page = await context.newPage();
    // A failing run leaves a picture of the page behind (bench/.tmp/browser-failure.png) to tell a harness bug from an app bug.
    page.on("pageerror", (error) => console.error(`  page error: ${error.message}`));
    await page.goto(`${ctx.url}/`);
    await page.getByRole("textbox", { name: "Prompt", exact: true }).fill("Poster for a ceramics fair, terracotta and cream, headline Kiln");
    const stream = await streamPassThrough(ctx, page, runs).catch(async (error: unknown) => {
      await page.screenshot({ path: failureShot });
      throw error;
    });
    await page.getByRole("combobox", { name: "Provider" }).selectOption({ value: "openai" }).catch(() => undefined);
    const generate: Visible[] = [];
    const revise: Visible[] = [];
    // The fakes' own time inside each window (the OpenAI proxy's photo encode, the Anthropic
    // fake's image check) is the provider's: judged is click → visible less that time.
    const timed = async (button: string, waitForCritique: boolean): Promise<Visible> => {
      const v = await clickToVisible(page, button, waitForCritique);
      return { ...v, provider: busyTime([...ctx.fakes.openaiProxy.exchanges, ...ctx.fakes.anthropicProxy.exchanges], v.startedAt, v.startedAt + v.ms) };
    };
    try {
      await idle(page);
      await clickToVisible(page, "Generate", true); // warm-up
      for (let i = 0; i < runs; i++) {
        if (i % 10 === 0) resetFakes(ctx.fakes);
        await idle(page);
        generate.push(await timed("Generate", false));
        await idle(page);
        revise.push(await timed("Apply revision", true));
      }
    } catch (error) {
      await page.screenshot({ path: failureShot });
      throw error;
    }
    await context.close();
    const s = summarise(stream);
    const net = (runs: Visible[]) => summarise(runs.map((v) => v.ms - (v.provider ?? 0)));
    const g = net(generate);
    const r = net(revise);
    const raw = (runs: Visible[]) => summarise(runs.map((v) => v.ms));
    const inDom = (runs: Visible[]) => median(runs.map((v) => v.imageInDomMs - (v.provider ?? 0)));
    const fakes = (runs: Visible[]) => median(runs.map((v) => v.provider ?? 0));
    const e2eNote = (runs: Visible[]) => `Judged: click → visible less the fakes' own time in the window (median ${ms(fakes(runs))}). Raw p50 ${ms(raw(runs).p50)}. The new <img> is in the DOM at a median ${ms(inDom(runs))} (net); the rest is fetching, encoding on first request and decoding its rendition.`;
    const jsRow = (id: string, label: string, values: number[], limit: number): Row => ({ id, label, target: `≤ ${limit} kB`, value: kb(median(values)), spread: `${kb(Math.min(...values))}–${kb(Math.max(...values))} · loads=${values.length}`, pass: median(values) <= limit * 1024, raw: values });
    return [
      { id: "stream", label: "stream pass-through (first delta → DOM)", target: "p50 ≤ 30 ms", value: `p50 ${ms(s.p50)}`, spread: `p95 ${ms(s.p95)} · min ${ms(s.min)} · max ${ms(s.max)} · n=${s.n}`, pass: s.p50 <= 30, raw: s },
      // Issue 21, target 6: click → image visible p50 ≤ 200 ms (was ≤ 250).
      { id: "e2e.generate", label: "e2e: Generate → image visible", target: "p50 ≤ 200 ms", value: `p50 ${ms(g.p50)}`, spread: `p95 ${ms(g.p95)} · min ${ms(g.min)} · max ${ms(g.max)} · n=${g.n}`, pass: g.p50 <= 200, note: `OpenAI provider through the zero-latency fake, 1024² PNG of ~2 MB. ${e2eNote(generate)}`, raw: { judged: g, runs: generate } },
      { id: "e2e.revise", label: "e2e: Apply revision → new critique visible", target: "p50 ≤ 250 ms", value: `p50 ${ms(r.p50)}`, spread: `p95 ${ms(r.p95)} · min ${ms(r.min)} · max ${ms(r.max)} · n=${r.n}`, pass: r.p50 <= 250, note: e2eNote(revise), raw: { judged: r, runs: revise } },
      // Issue 21: the studio ≤ 140 kB (target 6); a share page has no script at all (target 3).
      jsRow("weight.studio", "page weight: JS on first load of /", studioJs, 140),
      jsRow("weight.share", "page weight: JS on first load of a share page", shareJs, 0),
    ];
  } finally {
    await browser.close();
  }
}

const LIGHTHOUSE_METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["speed-index", "SI"],
  ["cumulative-layout-shift", "CLS"],
] as const;

const LIGHTHOUSE_TARGET: Record<string, number> = { studio: 97, share: 100 };

/** Lighthouse 12 (the last line that runs on Node 20), default mobile preset, system Chromium, offline. */
export async function measureLighthouse({ urls, runs }: { urls: Record<string, string>; runs: number }): Promise<Row[]> {
  const { default: lighthouse } = await import("lighthouse");
  const { launch: launchChrome } = await import("chrome-launcher");
  const rows: Row[] = [];
  for (const [name, url] of Object.entries(urls)) {
    const perf: number[] = [];
    const a11y: number[] = [];
    const metrics: Array<Record<string, number>> = [];
    const failures: string[] = [];
    for (let i = 0; i < runs; i++) {
      const chrome = await launchChrome({ chromePath: executablePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
      try {
        const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
        const lhr = result?.lhr;
        perf.push(Math.round((lhr?.categories.performance?.score ?? Number.NaN) * 100));
        a11y.push(Math.round((lhr?.categories.accessibility?.score ?? Number.NaN) * 100));
        if (lhr?.runtimeError) failures.push(lhr.runtimeError.message);
        // The metrics the score is made of, to see which one costs the points.
        metrics.push(Object.fromEntries(LIGHTHOUSE_METRICS.map(([id, short]) => [short, lhr?.audits[id]?.numericValue ?? Number.NaN])));
      } finally {
        chrome.kill();
      }
    }
    const scored = (v: number[]) => v.filter(Number.isFinite);
    const spread = (v: number[]) => `${Math.min(...scored(v))}–${Math.max(...scored(v))} · runs=${scored(v).length}${scored(v).length < v.length ? ` (${v.length - scored(v).length} gave no score)` : ""}`;
    const metricNote = LIGHTHOUSE_METRICS.map(([, short]) => {
      const value = median(scored(metrics.map((m) => m[short]!)));
      return `${short} ${short === "CLS" ? value.toFixed(3) : ms(value)}`;
    }).join(" · ");
    const note = `Medians: ${metricNote} (simulated slow 4G, 4× CPU slowdown).${failures.length ? ` Runtime errors: ${[...new Set(failures)].join("; ")}` : ""}`;
    // Issue 21: the share page 100/100 (target 3), the studio ≥ 97 (target 6).
    const floor = LIGHTHOUSE_TARGET[name] ?? 95;
    rows.push({ id: `lighthouse.${name}.performance`, label: `Lighthouse performance (mobile): ${name}`, target: floor === 100 ? "100" : `≥ ${floor}`, value: String(median(scored(perf))), spread: spread(perf), pass: median(scored(perf)) >= floor, note, raw: { scores: perf, metrics } });
    rows.push({ id: `lighthouse.${name}.accessibility`, label: `Lighthouse accessibility: ${name}`, target: "100", value: String(median(scored(a11y))), spread: spread(a11y), pass: median(scored(a11y)) === 100, raw: a11y });
  }
  return rows;
}
