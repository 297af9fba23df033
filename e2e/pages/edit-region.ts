import { expect, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";

export type Pixels = { data: Buffer; width: number; height: number; channels: number };

/** The Edit region dialog: a mask painter over a render, its tools, an instruction and Apply edit. */
export class EditRegionDialog {
  readonly dialog: Locator;
  readonly canvas: Locator;
  readonly instruction: Locator;
  readonly applyButton: Locator;
  readonly alert: Locator;
  readonly painted: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Edit region" });
    this.canvas = this.dialog.getByRole("application", { name: "Mask painter" });
    this.instruction = this.dialog.getByRole("textbox", { name: "Edit instruction", exact: true });
    this.applyButton = this.dialog.getByRole("button", { name: "Apply edit", exact: true });
    this.alert = this.dialog.getByRole("alert");
    this.painted = this.dialog.getByText(/% of the image painted$/);
  }

  async open(results: Locator) {
    await results.getByRole("button", { name: "Edit region", exact: true }).first().click();
    await expect(this.canvas).toBeVisible();
  }

  /** One mouse stroke between two points given as fractions of the image (0…1). */
  async stroke(from: { x: number; y: number }, to: { x: number; y: number }) {
    const box = (await this.canvas.boundingBox())!;
    const at = (p: { x: number; y: number }) => [box.x + box.width * p.x, box.y + box.height * p.y] as const;
    await this.page.mouse.move(...at(from));
    await this.page.mouse.down();
    await this.page.mouse.move(...at(to), { steps: 16 });
    await this.page.mouse.up();
  }

  /** Applies the edit and answers the stored mask's key (from /api/masks). */
  async apply(instruction: string): Promise<string> {
    await this.instruction.fill(instruction);
    const answer = this.page.waitForResponse((r) => r.url().endsWith("/api/masks") && r.request().method() === "POST");
    await this.applyButton.click();
    const body = (await (await answer).json()) as { ok: boolean; value?: { maskKey: string } };
    expect(body.ok).toBe(true);
    await expect(this.dialog).toBeHidden();
    return body.value!.maskKey;
  }
}

/** A stored image's pixels, fetched through the API with the page's (owner's) cookie. */
export async function storedPixels(page: Page, url: string, channels: 1 | 3 = 3): Promise<Pixels> {
  const response = await page.request.get(url.split("?")[0]!);
  expect(response.ok()).toBe(true);
  const image = sharp(await response.body()).removeAlpha();
  const { data, info } = await (channels === 1 ? image.greyscale() : image).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** How many pixels changed inside and outside a mask (white = painted) between two images of one size. */
export function diffThroughMask({ before, after, mask }: { before: Pixels; after: Pixels; mask: Pixels }) {
  expect([after.width, after.height]).toEqual([before.width, before.height]);
  expect([mask.width, mask.height]).toEqual([before.width, before.height]);
  let inside = 0;
  let insideChanged = 0;
  let outsideChanged = 0;
  for (let p = 0; p < before.width * before.height; p++) {
    const i = p * before.channels;
    const changed = before.data[i] !== after.data[i] || before.data[i + 1] !== after.data[i + 1] || before.data[i + 2] !== after.data[i + 2];
    if (mask.data[p]! >= 128) {
      inside++;
      if (changed) insideChanged++;
    } else if (changed) outsideChanged++;
  }
  return { inside, insideChanged, outsideChanged };
}
