import { expect, type Locator, type Page } from "@playwright/test";

/** The studio as a designer sees it, addressed only by the accessible names of the UI contract. */
export class StudioPage {
  readonly prompt: Locator;
  readonly refineButton: Locator;
  readonly refinedPrompt: Locator;
  readonly provider: Locator;
  readonly generateButton: Locator;
  readonly results: Locator;
  readonly critique: Locator;
  readonly applyRevisionButton: Locator;
  readonly history: Locator;
  /** The inline message under the prompt (Next's route announcer is an alert too, outside main). */
  readonly formAlert: Locator;

  constructor(readonly page: Page) {
    this.prompt = page.getByRole("textbox", { name: "Prompt", exact: true });
    this.refineButton = page.getByRole("button", { name: "Refine", exact: true });
    this.refinedPrompt = page.getByRole("textbox", { name: "Refined prompt" });
    this.provider = page.getByRole("combobox", { name: "Provider" });
    this.generateButton = page.getByRole("button", { name: "Generate" });
    this.results = page.getByRole("region", { name: "Results" });
    this.critique = page.getByRole("region", { name: "Critique" });
    this.applyRevisionButton = page.getByRole("button", { name: "Apply revision" });
    this.history = page.getByRole("navigation", { name: "History" });
    this.formAlert = page.getByRole("main").getByRole("alert");
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

  /** Waits for the critique's overall score ("7.4/10") and returns it. */
  async score(): Promise<number> {
    const score = this.critique.getByText(/^\d+(\.\d)?\/10$/).first();
    await expect(score).toBeVisible({ timeout: 45_000 });
    return Number((await score.textContent())!.replace("/10", ""));
  }

  historyEntries(): Locator {
    return this.history.getByRole("button");
  }

  async firstImageSrc(): Promise<string> {
    const img = this.resultImages().first();
    await expect(img).toBeVisible({ timeout: 45_000 });
    return (await img.getAttribute("src")) ?? "";
  }
}
