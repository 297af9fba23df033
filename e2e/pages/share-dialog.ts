import { expect, type Locator, type Page } from "@playwright/test";

/** The Share dialog, addressed by the accessible names of the UI contract. */
export class ShareDialog {
  readonly shareButton: Locator;
  readonly dialog: Locator;
  readonly link: Locator;
  readonly createButton: Locator;
  readonly copyButton: Locator;
  readonly revokeButton: Locator;
  readonly expiry: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.shareButton = page.getByRole("button", { name: "Share", exact: true });
    this.dialog = page.getByRole("dialog", { name: "Share" });
    this.link = this.dialog.getByRole("textbox", { name: "Share link" });
    this.createButton = this.dialog.getByRole("button", { name: /^Create (another )?link$/ });
    this.copyButton = this.dialog.getByRole("button", { name: "Copy", exact: true });
    this.revokeButton = this.dialog.getByRole("button", { name: "Revoke link" });
    this.expiry = this.dialog.getByRole("combobox", { name: "Link expires" });
    this.status = this.dialog.getByRole("status");
  }

  async open() {
    await this.shareButton.click();
    await expect(this.dialog).toBeVisible();
  }

  /** Makes a link and returns its absolute URL, as the designer would copy it. */
  async createLink({ scope = "This iteration", expiresIn = "Never" }: { scope?: "This iteration" | "Whole trail"; expiresIn?: string } = {}) {
    await this.dialog.getByRole("radio", { name: scope }).check();
    await this.expiry.selectOption({ label: expiresIn });
    const before = (await this.link.count()) > 0 ? await this.link.inputValue() : "";
    await this.createButton.click();
    await expect(this.link).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
    await expect(this.link).not.toHaveValue(before);
    return this.link.inputValue();
  }

  async revoke() {
    await this.revokeButton.click();
    await expect(this.dialog.getByText("Revoked — this link no longer opens.")).toBeVisible();
  }

  async close() {
    await this.page.keyboard.press("Escape");
    await expect(this.dialog).toBeHidden();
  }
}
