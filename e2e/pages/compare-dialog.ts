import { expect, type Locator, type Page } from "@playwright/test";

/** The Compare dialog: two iterations side by side or under a slider, a prompt diff and scores. */
export class CompareDialog {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly images: Locator;
  readonly slider: Locator;
  readonly scores: Locator;
  readonly inserted: Locator;
  readonly deleted: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole("button", { name: "Compare", exact: true });
    this.dialog = page.getByRole("dialog", { name: "Compare" });
    this.images = this.dialog.getByRole("img");
    this.slider = this.dialog.getByRole("slider", { name: "Before and after split" });
    this.scores = this.dialog.getByRole("table", { name: "Critique scores" });
    this.inserted = this.dialog.locator("ins");
    this.deleted = this.dialog.locator("del");
  }

  async open() {
    await this.openButton.click();
    await expect(this.dialog).toBeVisible();
  }

  async view(name: "Side by side" | "Slider") {
    await this.dialog.getByRole("radio", { name }).click();
    await expect(this.dialog.getByRole("radio", { name })).toBeChecked();
  }

  /** The Overall row of the score table: [before, after, change]. */
  async overall(): Promise<string[]> {
    return this.scores.getByRole("row", { name: /^Overall/ }).getByRole("cell").allTextContents();
  }
}
