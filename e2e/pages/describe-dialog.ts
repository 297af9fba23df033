import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

/** Test images: a bar chart with a title, values and labels, and a Chinese sales brief. */
export const fixtureImage = (name: "quarterly-sales-chart.png" | "chinese-sales-brief.png") => readFileSync(path.join(process.cwd(), "tests/support/fixtures", name));

/** The Describe dialog, addressed by the accessible names of the UI contract. */
export class DescribeDialog {
  readonly describeButton: Locator;
  readonly dialog: Locator;
  readonly file: Locator;
  readonly summary: Locator;
  readonly question: Locator;
  readonly askButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.describeButton = page.getByRole("button", { name: "Describe", exact: true });
    this.dialog = page.getByRole("dialog", { name: "Describe", exact: true });
    this.file = this.dialog.getByLabel("Image or video", { exact: true });
    this.summary = this.dialog.getByRole("region", { name: "Summary", exact: true });
    this.question = this.dialog.getByRole("textbox", { name: "Question", exact: true });
    this.askButton = this.dialog.getByRole("button", { name: "Ask", exact: true });
    this.alert = this.dialog.getByRole("alert");
  }

  async open() {
    await this.describeButton.click();
    await expect(this.dialog).toBeVisible();
  }

  /** Chooses a file and waits for its summary to be complete. */
  async describe(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.file.setInputFiles(file);
    await this.waitForAnswer(1);
  }

  /** Waits until `turns` answers are saved (each shows its engine and cost line). */
  async waitForAnswer(turns: number) {
    await expect(this.summary.getByText(/^(Claude · .+|Offline engine \(not Claude\) · .+)$/)).toHaveCount(turns, { timeout: 60_000 });
  }

  async ask(question: string, turns: number) {
    await this.question.fill(question);
    await this.askButton.click();
    await this.waitForAnswer(turns);
  }
}
