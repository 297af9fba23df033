import { expect, type Locator, type Page } from "@playwright/test";

/** The Model notes dialog: what the loop learned about the rendering model, editable. */
export class ModelNotesDialog {
  readonly dialog: Locator;
  readonly addButton: Locator;
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Model notes", exact: true });
    this.addButton = this.dialog.getByRole("button", { name: "Add note", exact: true });
    this.saveButton = this.dialog.getByRole("button", { name: "Save notes", exact: true });
  }

  async open() {
    await this.page.getByRole("region", { name: "Auto-iterate" }).getByRole("button", { name: "Model notes", exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  behaviour(n: number) {
    return this.dialog.getByRole("textbox", { name: `What the model does, note ${n}`, exact: true });
  }

  advice(n: number) {
    return this.dialog.getByRole("textbox", { name: `Advice, note ${n}`, exact: true });
  }

  /** Adds a note of the designer's own and saves every note. */
  async addNote({ behaviour, advice }: { behaviour: string; advice: string }) {
    const before = await this.dialog.getByRole("textbox", { name: /^Advice, note \d+$/ }).count();
    await this.addButton.click();
    await this.behaviour(before + 1).fill(behaviour);
    await this.advice(before + 1).fill(advice);
    await this.saveButton.click();
    await expect(this.dialog.getByRole("status")).toHaveText("Notes saved. The next prompt for this model follows them.");
  }

  async close() {
    await this.page.keyboard.press("Escape");
    await expect(this.dialog).toBeHidden();
  }
}
