import { test as base } from "@playwright/test";
import { StudioPage } from "./pages/studio-page";

export const test = base.extend<{ studio: StudioPage }>({
  studio: async ({ page }, provide) => {
    await provide(new StudioPage(page));
  },
});

export { expect } from "@playwright/test";
