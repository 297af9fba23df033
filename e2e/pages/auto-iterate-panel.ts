import { expect, type Locator, type Page } from "@playwright/test";

/** The Auto-iterate panel: rounds, a target score, the run's progress and its score chart. */
export class AutoIteratePanel {
  readonly region: Locator;
  readonly rounds: Locator;
  readonly targetScore: Locator;
  readonly stopWithoutImprovement: Locator;
  readonly startButton: Locator;
  readonly progress: Locator;
  readonly stopped: Locator;
  readonly chart: Locator;
  readonly draftsPerRound: Locator;
  readonly exploration: Locator;
  readonly modelNotesButton: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Auto-iterate" });
    this.rounds = this.region.getByRole("spinbutton", { name: "Rounds" });
    this.targetScore = this.region.getByRole("spinbutton", { name: "Target score" });
    this.stopWithoutImprovement = this.region.getByLabel("Stop after 2 rounds without improvement");
    this.startButton = this.region.getByRole("button", { name: "Auto-iterate" });
    this.progress = this.region.getByText(/^Round \d of \d$/);
    this.stopped = this.region.getByText(/^Stopped: /);
    this.chart = this.region.getByRole("img", { name: /^Score chart: round 1 / });
    this.draftsPerRound = this.region.getByRole("combobox", { name: /^Drafts per round/ });
    this.exploration = this.region.getByRole("region", { name: "Exploration", exact: true });
    this.modelNotesButton = this.region.getByRole("button", { name: "Model notes", exact: true });
  }

  /** Round n of the run: its drafts and its comparative pick. */
  round(n: number) {
    const region = this.exploration.getByRole("region", { name: `Round ${n}`, exact: true });
    return {
      region,
      drafts: region.getByRole("list", { name: `Drafts of round ${n}`, exact: true }).getByRole("listitem").filter({ has: this.page.getByRole("button", { name: /^Draft [A-D]$/ }) }),
      pick: region.getByRole("group", { name: "Comparative pick", exact: true }),
    };
  }

  /** Each draft's prompt in round n, in label order. */
  async draftPrompts(n: number): Promise<string[]> {
    const drafts = this.round(n).drafts;
    const count = await drafts.count();
    const prompts: string[] = [];
    for (let i = 0; i < count; i++) prompts.push((await drafts.nth(i).locator("p[title]").getAttribute("title")) ?? "");
    return prompts;
  }

  /** Starts a run that only the round count stops (a target of 10, no early stop). */
  async runRounds(rounds: number) {
    await this.rounds.fill(String(rounds));
    await this.targetScore.fill("10");
    await this.stopWithoutImprovement.uncheck();
    await this.startButton.click();
  }

  async waitUntilStopped() {
    await expect(this.stopped).toBeVisible({ timeout: 120_000 });
  }

  /** Each round's score, as the chart's label reads them. */
  async chartScores(): Promise<number[]> {
    await expect(this.chart).toBeVisible();
    const label = (await this.chart.getAttribute("aria-label")) ?? "";
    return [...label.matchAll(/round (\d) (\d+\.\d)/g)].map((m) => Number(m[2]));
  }
}
