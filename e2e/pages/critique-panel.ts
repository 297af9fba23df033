import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The Critique region as a designer works it: the score, the points to keep, reject or reword,
 * a note for the next round, the revised prompt they make (shown before the click) and Apply
 * revision, which renders it.
 */
export class CritiquePanel {
  readonly region: Locator;
  readonly applyRevisionButton: Locator;
  /** The critique's points, each with its checkbox, Reject and Edit fix. */
  readonly points: Locator;
  readonly note: Locator;
  /** The prompt Apply revision renders, shown before the click: a diff against the current prompt, editable by hand. */
  readonly revision: Locator;
  readonly revisionDiff: Locator;
  readonly revisedPrompt: Locator;
  readonly retryButton: Locator;
  readonly alert: Locator;
  readonly cost: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Critique" });
    this.applyRevisionButton = page.getByRole("button", { name: "Apply revision" });
    this.points = this.region.locator("li[data-issue-id]");
    this.note = this.region.getByRole("textbox", { name: "Add a note for the next round" });
    this.revision = this.region.getByRole("group", { name: "Revised prompt" });
    this.revisionDiff = this.region.getByRole("region", { name: "Revised prompt diff" });
    this.revisedPrompt = this.revision.getByRole("textbox", { name: "Revised prompt to render" });
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

  /** One click: the revised prompt on screen renders as the next round, and is critiqued. */
  async applyRevision() {
    await this.applyRevisionButton.click();
  }

  /** Rewrites the revised prompt by hand; it is the designer's from then on. */
  async editRevision(prompt: (current: string) => string) {
    await this.revision.getByRole("button", { name: "Edit" }).click();
    await this.revisedPrompt.fill(prompt(await this.revisedPrompt.inputValue()));
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
