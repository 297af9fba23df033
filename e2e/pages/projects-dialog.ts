import { expect, type Locator, type Page } from "@playwright/test";

/** The "Projects" dialog in the studio header: open, rename, delete. */
export class ProjectsDialog {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly closeButton: Locator;
  /** The studio header, which names the open project. */
  readonly header: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole("banner").getByRole("button", { name: "Projects", exact: true });
    this.dialog = page.getByRole("dialog", { name: "Projects" });
    this.closeButton = this.dialog.getByRole("button", { name: "Close", exact: true });
    this.header = page.getByRole("banner");
  }

  async open() {
    await this.openButton.click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByText("Loading…")).toHaveCount(0);
  }

  async close() {
    await this.closeButton.click();
    await expect(this.dialog).toBeHidden();
  }

  /** The link that opens a project, by its name. */
  project(name: string): Locator {
    return this.dialog.getByRole("link", { name: new RegExp(`^${escape(name)}`) });
  }

  async rename({ from, to }: { from: string; to: string }) {
    await this.dialog.getByRole("button", { name: `Rename ${from}` }).click();
    await this.dialog.getByRole("textbox", { name: "Project name" }).fill(to);
    await this.dialog.getByRole("button", { name: "Save" }).click();
    await expect(this.project(to)).toBeVisible();
  }

  /** Deletes a project, accepting the browser's confirmation. */
  async delete(name: string) {
    this.page.once("dialog", (confirm) => void confirm.accept());
    await this.dialog.getByRole("button", { name: `Delete ${name}` }).click();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
