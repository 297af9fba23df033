import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "../fixtures";
import { ports } from "../e2e-env";
import { mp4WithTone } from "../../tests/support/video-files";

/*
 * Video on Claude, through the local Messages fake: the clip's frames reach /v1/messages as
 * labelled image blocks in one request (the fake refuses anything else), and the answers come
 * back with time marks.
 */

test.describe.configure({ timeout: 180_000 });

const fake = `http://127.0.0.1:${ports.anthropic}`;

async function control(body: unknown) {
  const response = await fetch(`${fake}/__control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
}

/**
 * What the fake was asked. It files a request as a video critique or description only when the
 * frames came as image blocks each after its "Frame N of M — 0:02" label, and refuses (400) a
 * video block or unlabelled frames: a 200 of that kind is the proof the frames arrived right.
 */
async function requests(): Promise<Array<{ kind: string | null; status: number }>> {
  return ((await (await fetch(`${fake}/__control`)).json()) as { requests: Array<{ kind: string | null; status: number }> }).requests;
}

test.afterEach(async () => {
  await control({ reset: true });
});

test("on Claude, a clip's critique is read from its frames in one request, names moments by time, and Apply revision renders the next clip", async ({ studio, critique }) => {
  await control({ reset: true });
  await studio.open();
  await studio.chooseOutput("Video");
  await studio.writeDraft('A short clip for a night jazz festival, deep blue and gold, headline "Blue Hour"');
  await studio.generate();
  const first = await studio.waitForClip();
  await critique.score();
  await expect(critique.region).toContainText(/Claude/);
  await expect(critique.region.getByRole("button", { name: /^Play the clip from \d+:\d{2}(\.\d)?$/ }).first()).toBeVisible();

  const critiques = (await requests()).filter((r) => r.kind === "video-critique");
  expect(critiques).toHaveLength(1);
  expect(critiques[0]!.status).toBe(200);

  await studio.waitUntilIdle();
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 90_000 });
  const next = await studio.waitForClip();
  expect(next.src).not.toBe(first.src);
  await critique.score();
  expect((await requests()).filter((r) => r.kind === "video-critique")).toHaveLength(2);
});

test("on Claude, Describe summarises an uploaded MP4 from its frames, with time marks", async ({ studio, describe }) => {
  await control({ reset: true });
  const dir = mkdtempSync(path.join(tmpdir(), "loupe-e2e-clip-"));
  try {
    const buffer = readFileSync(mp4WithTone(path.join(dir, "clip.mp4"), 4));
    await studio.open();
    await describe.open();
    await describe.describe({ name: "teaser.mp4", mimeType: "video/mp4", buffer });
    await expect(describe.summary).toContainText(/0:0\d/);
    await expect(describe.summary.getByText(/^Claude · /)).toHaveCount(1);
    const described = (await requests()).filter((r) => r.kind === "video-describe");
    expect(described).toHaveLength(1);
    expect(described[0]!.status).toBe(200);
    await describe.ask("What is on screen at the start?", 2);
    await expect(describe.summary).toContainText("You asked: What is on screen at the start?");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
