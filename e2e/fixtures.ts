import { test as base } from "@playwright/test";
import { AutoIteratePanel } from "./pages/auto-iterate-panel";
import { CompareDialog } from "./pages/compare-dialog";
import { CritiquePanel } from "./pages/critique-panel";
import { DescribeDialog } from "./pages/describe-dialog";
import { ModelNotesDialog } from "./pages/model-notes-dialog";
import { EditRegionDialog } from "./pages/edit-region";
import { ProjectsDialog } from "./pages/projects-dialog";
import { ShareDialog } from "./pages/share-dialog";
import { StudioPage } from "./pages/studio-page";

/** Every page object is a fixture on the test's page, so a spec names what it works with and reads as the designer's steps. */
type PageObjects = {
  studio: StudioPage;
  critique: CritiquePanel;
  autoIterate: AutoIteratePanel;
  compare: CompareDialog;
  projects: ProjectsDialog;
  share: ShareDialog;
  describe: DescribeDialog;
  modelNotes: ModelNotesDialog;
  editRegion: EditRegionDialog;
};

export const test = base.extend<PageObjects>({
  critique: async ({ page }, provide) => provide(new CritiquePanel(page)),
  studio: async ({ page, critique }, provide) => provide(new StudioPage(page, critique)),
  autoIterate: async ({ page }, provide) => provide(new AutoIteratePanel(page)),
  compare: async ({ page }, provide) => provide(new CompareDialog(page)),
  projects: async ({ page }, provide) => provide(new ProjectsDialog(page)),
  share: async ({ page }, provide) => provide(new ShareDialog(page)),
  describe: async ({ page }, provide) => provide(new DescribeDialog(page)),
  modelNotes: async ({ page }, provide) => provide(new ModelNotesDialog(page)),
  editRegion: async ({ page }, provide) => provide(new EditRegionDialog(page)),
});

export { expect } from "@playwright/test";
