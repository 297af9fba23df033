import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The Critique region as a designer works it: the score, the points to keep, reject or reword,
 * a note for the next round, and Apply revision with the revised prompt it shows first.
 */
export class CritiquePanel {
  readonly region: Locator;
  readonly applyRevisionButton: Locator;
  /** The critique's points, each with its checkbox, Reject and Edit fix. */
  readonly points: Locator;
  readonly note: Locator;
  /** The revision waiting to be rendered: a diff against the current prompt, and the prompt itself, editable. */
  readonly revisionDiff: Locator;
  readonly revisedPrompt: Locator;
  readonly renderRevisionButton: Locator;
  readonly discardButton: Locator;
  readonly retryButton: Locator;
  readonly alert: Locator;
  readonly cost: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Critique" });
    this.applyRevisionButton = page.getByRole("button", { name: "Apply revision" });
    this.points = this.region.locator("li[data-issue-id]");
    this.note = this.region.getByRole("textbox", { name: "Add a note for the next round" });
    this.revisionDiff = this.region.getByRole("region", { name: "Revised prompt diff" });
    this.revisedPrompt = this.region.getByRole("textbox", { name: "Revised prompt to render" });
    this.renderRevisionButton = this.region.getByRole("button", { name: "Render this" });
    this.discardButton = this.region.getByRole("button", { name: "Discard" });
    this.retryButton = this.region.getByRole("button", { name: "Retry" });
    this.alert = this.region.getByRole("alert");
    this.cost = this.region.getByLabel("Iteration cost");
  }

  /** Waits for the critique's overall score ("7.4/10") and returns it. */
  async score(): Promise<number> {
    const score = this.region.getByText(/^\d+(\.\d)?\/10$/).first();
    await expect(score).toBeVisible({ timeout: 45_000 });
    return Number((await score.textContent())!.replace("/10", ""));
  }

  /** Apply revision writes the revision and shows it as a diff, waiting to be rendered. */
  async previewRevision() {
    await this.applyRevisionButton.click();
    await expect(this.revisionDiff).toBeVisible({ timeout: 45_000 });
  }

  /** Apply revision, then "Render this": the next round renders. */
  async applyRevision() {
    await this.applyRevisionButton.click();
    await this.renderRevisionButton.click();
  }

  /** Point n (0-based): dropped from the revision. */
  async reject(n: number) {
    await this.points.nth(n).getByRole("button", { name: /^Reject:/ }).click();
    await expect(this.points.nth(n).getByRole("checkbox")).not.toBeChecked();
  }

  /** Point n's fix, reworded by the designer. */
  async editFix(n: number, text: string) {
    const point = this.points.nth(n);
    await point.getByRole("button", { name: /^Edit fix:/ }).click();
    await point.getByRole("textbox").fill(text);
    await point.getByRole("button", { name: "Done" }).click();
  }

  /** The words point n's fix quotes ("…"), which a rejected point must keep out of the revision. */
  async quotedFix(n: number): Promise<string> {
    const fix = (await this.points.nth(n).getByText(/^Fix:/).locator("..").textContent())!;
    return /"([^"]+)"/.exec(fix)![1]!;
  }
}
