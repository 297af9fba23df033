import { expect, type Locator, type Page } from "@playwright/test";
import { CritiquePanel } from "./critique-panel";

/**
 * The studio as a designer sees it, addressed only by the accessible names of the UI contract.
 * The critique has its own page object (CritiquePanel); the steps here that wait for a critique use it.
 */
export class StudioPage {
  readonly prompt: Locator;
  readonly refineButton: Locator;
  readonly refinedPrompt: Locator;
  readonly provider: Locator;
  readonly generateButton: Locator;
  readonly results: Locator;
  readonly history: Locator;
  readonly output: Locator;
  /** The inline message under the prompt (Next's route announcer is an alert too, outside main). */
  readonly formAlert: Locator;

  constructor(
    readonly page: Page,
    private readonly critique: CritiquePanel = new CritiquePanel(page),
  ) {
    this.prompt = page.getByRole("textbox", { name: "Prompt", exact: true });
    this.refineButton = page.getByRole("button", { name: "Refine", exact: true });
    this.refinedPrompt = page.getByRole("textbox", { name: "Refined prompt" });
    this.provider = page.getByRole("combobox", { name: "Provider" });
    this.generateButton = page.getByRole("button", { name: "Generate" });
    this.results = page.getByRole("region", { name: "Results" });
    this.history = page.getByRole("navigation", { name: "History" });
    this.formAlert = page.getByRole("main").getByRole("alert");
    this.output = page.getByRole("radiogroup", { name: "Output", exact: true });
  }

  /** The Output radios: stills or one clip. */
  async chooseOutput(kind: "Image" | "Video") {
    await this.output.getByRole("radio", { name: kind, exact: true }).check();
  }

  /** The clip of the iteration on screen (a <video> with controls and a poster). */
  clip(): Locator {
    return this.results.locator("video");
  }

  /** Waits until the clip's player has loaded it: metadata read, a duration, a frame to show. */
  async waitForClip(): Promise<{ src: string; duration: number }> {
    const video = this.clip();
    await expect(video).toBeVisible({ timeout: 90_000 });
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => (v.readyState >= 2 && v.duration > 0 ? v.duration : 0)), { timeout: 30_000 }).toBeGreaterThan(0);
    return video.evaluate((v: HTMLVideoElement) => ({ src: v.currentSrc, duration: v.duration }));
  }

  async open(path = "/") {
    await this.page.goto(path);
    await expect(this.generateButton).toBeEnabled();
  }

  async writeDraft(text: string) {
    await this.prompt.fill(text);
  }

  async refine() {
    await this.refineButton.click();
    await expect(this.refinedPrompt).not.toHaveValue("");
    await expect(this.refineButton).toBeEnabled();
  }

  async generate() {
    await this.generateButton.click();
  }

  /** Waits for the first images of a render; the first render after a start warms caches. */
  async waitForImages() {
    await expect(this.resultImages().first()).toBeVisible({ timeout: 45_000 });
  }

  resultImages(): Locator {
    return this.results.getByRole("img");
  }

  historyEntries(): Locator {
    return this.history.getByRole("button");
  }

  /** The History entry of version n ("v3 …"). */
  version(n: number): Locator {
    return this.history.getByRole("button", { name: new RegExp(`^v${n} `) });
  }

  /** The list item of version n, which holds the entries that grew from it. */
  versionItem(n: number): Locator {
    // Ancestors hold the entry too; the innermost item holding it comes last in document order.
    const entry = this.page.getByRole("button", { name: new RegExp(`^v${n} `) });
    return this.history.getByRole("listitem").filter({ has: entry }).last();
  }

  /** Waits until no step is running (History entries are disabled while one is). */
  async waitUntilIdle() {
    await expect(this.historyEntries().first()).toBeEnabled({ timeout: 45_000 });
    await expect(this.generateButton).toBeEnabled();
  }

  async firstImageSrc(): Promise<string> {
    const img = this.resultImages().first();
    await expect(img).toBeVisible({ timeout: 45_000 });
    return (await img.getAttribute("src")) ?? "";
  }

  /** Refines the draft and renders it as the first iteration of a new project; returns the project's path. */
  async firstIteration(draft: string): Promise<string> {
    await this.writeDraft(draft);
    await this.refine();
    await this.generate();
    await expect(this.page).toHaveURL(/\/p\/[0-9a-f-]{36}$/, { timeout: 45_000 });
    await this.critique.score();
    await this.waitUntilIdle();
    return new URL(this.page.url()).pathname;
  }

  /** Renders whatever the Refined prompt holds as a child of the iteration on screen. */
  async generateAndWait(expectedEntries: number) {
    await this.generate();
    await expect(this.historyEntries()).toHaveCount(expectedEntries, { timeout: 45_000 });
    await this.critique.score();
    await this.waitUntilIdle();
  }

  /**
   * v1 from a draft, v2 by Apply revision, then v3 from v1 with an edited prompt: a branch.
   * Returns the project's path.
   */
  async makeBranchedProject({ draft, branchPrompt }: { draft: string; branchPrompt: string }): Promise<string> {
    const path = await this.firstIteration(draft);
    await this.critique.applyRevision();
    await expect(this.historyEntries()).toHaveCount(2, { timeout: 45_000 });
    await this.critique.score();
    await this.waitUntilIdle();
    await this.version(1).click();
    await expect(this.version(1)).toHaveAttribute("aria-current", "true");
    await this.refinedPrompt.fill(branchPrompt);
    await this.generateAndWait(3);
    return path;
  }

  /** What a designer sees of version n after clicking it: its prompt, first image and score. */
  async snapshotOf(n: number): Promise<{ prompt: string; src: string; score: number }> {
    await this.version(n).click();
    await expect(this.version(n)).toHaveAttribute("aria-current", "true");
    return { prompt: await this.refinedPrompt.inputValue(), src: await this.firstImageSrc(), score: await this.critique.score() };
  }
}
