import { expect, test } from "../fixtures";
import { isEventStream, readProjectEvents } from "../project-events";
import { e2eEnv, ports } from "../e2e-env";

const fake = `http://127.0.0.1:${ports.anthropic}`;

async function control(body: unknown) {
  const response = await fetch(`${fake}/__control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
}

test.afterEach(async () => {
  await control({ reset: true });
});

test("the whole loop runs on Claude through ANTHROPIC_BASE_URL, streamed, and never leaks the key", async ({ studio, page, critique }) => {
  const bodies: Promise<string>[] = [];
  // The project's event stream never ends while the page is open: it is read on its own below.
  page.on("response", (response) => {
    if (!isEventStream(response)) bodies.push(response.text().catch(() => ""));
  });

  // Slow the stream down so the first words are visibly there before Claude finishes.
  await control({ latency: { firstTokenMs: 50, perTokenMs: 60 } });
  await studio.open();
  await expect(page.getByText("Claude", { exact: true })).toBeVisible();

  await studio.writeDraft('Poster for a ceramics fair, terracotta and cream, headline "Kiln"');
  await studio.refineButton.click();
  await expect(studio.refinedPrompt).not.toHaveValue("");
  await expect(page.getByText("streaming…")).toBeVisible();
  const partial = await studio.refinedPrompt.inputValue();
  await expect(studio.refineButton).toBeEnabled({ timeout: 30_000 });
  const complete = await studio.refinedPrompt.inputValue();
  expect(complete.length).toBeGreaterThan(partial.length);
  await control({ latency: { firstTokenMs: 0, perTokenMs: 0 } });

  await studio.generate();
  const first = await studio.firstImageSrc();
  await critique.score();
  await expect(critique.region.getByText(/Claude · /)).toBeVisible();
  await expect(critique.region.getByText(/\d+ in · \d+ out/)).toBeVisible();

  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2);
  await critique.score();
  expect(await studio.firstImageSrc()).not.toBe(first);

  const events = await readProjectEvents(page);
  expect(events).toMatch(/^event: /m);
  const all = [...(await Promise.all(bodies)), events];
  for (const body of all) expect(body).not.toContain(e2eEnv.anthropicKey);
});

test("Claude overloaded (529): the image is kept, the critique offers Retry, and Retry recovers", async ({ studio, page, critique }) => {
  await studio.open();
  await studio.writeDraft("A minimal poster of a single red circle on white");
  // More failures than the SDK's own retries, so the overload reaches the studio.
  await control({ failNext: { status: 529, count: 10, kind: "critique" } });
  await studio.generate();
  const src = await studio.firstImageSrc();
  const alert = critique.region.getByRole("alert");
  await expect(alert).toContainText("Critique unavailable");
  await expect(alert).toContainText("overloaded");
  await expect(page.getByText(/Exception|at \w+ \(|node_modules/)).toHaveCount(0);

  await control({ reset: true });
  await critique.region.getByRole("button", { name: "Retry" }).click();
  await critique.score();
  expect(await studio.firstImageSrc()).toBe(src);
});
