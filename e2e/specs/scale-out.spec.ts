import { createHash } from "node:crypto";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ports } from "../e2e-env";
import { expect, test } from "../fixtures";
import { StudioPage } from "../pages/studio-page";
import type { ScaleOutInfo } from "../scale-out/start";

const DRAFT = 'A poster for a rooftop cinema, warm amber and ink black, headline "Late Show"';

async function scaleOut(): Promise<ScaleOutInfo> {
  const response = await fetch(`http://127.0.0.1:${ports.scaleOutReady}/`);
  return (await response.json()) as ScaleOutInfo;
}

/** The object as it sits in the bucket, read without going through Loupe at all. */
async function bucketObject({ s3 }: ScaleOutInfo, key: string): Promise<Buffer> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${s3.prefix}${key}` }));
    return Buffer.from(await object.Body!.transformToByteArray());
  } finally {
    client.destroy();
  }
}

/** What one process of the set-up wrote: instance a or b, or the worker (`npm run worker`). */
async function outputOf(name: "a" | "b" | "worker"): Promise<string> {
  return (await fetch(`http://127.0.0.1:${ports.scaleOutReady}/output/${name}`)).text();
}

/** The worker's line for each job it finished (lib/jobs/engine.ts logJob). */
const jobLine = (kind: string, projectId: string) => new RegExp(`\\[loupe\\] job ${kind} [0-9a-f-]{36} of project ${projectId}: ok in \\d+ ms \\(pid \\d+`, "g");

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

test("two instances on one PostgreSQL and one bucket serve the same project, and the loop continues on either", async ({ studio, critique, page }) => {
  const info = await scaleOut();
  const [a, b] = info.instances as [string, string];
  // What a load balancer's health check would ask each of them. Its own client (not page.request):
  // a kept-alive socket left idle past the server's keep-alive timeout would be reset under a
  // later request of the test.
  for (const instance of [a, b]) expect(await (await fetch(`${instance}/api/health`)).json()).toEqual({ ok: true });

  await studio.open(`${a}/`);
  const projectPath = await studio.firstIteration(DRAFT);
  const first = await studio.snapshotOf(1);

  // Same browser, same cookie (cookies ignore the port), the other instance.
  await studio.open(`${b}${projectPath}`);
  await expect(studio.historyEntries()).toHaveCount(1);
  expect(await studio.snapshotOf(1)).toEqual(first);

  // B has its own data directory: the bytes it serves can only have come from the bucket.
  const key = first.src.replace("/api/images/", "");
  const served = await page.request.get(`${b}${first.src}`);
  expect(served.status()).toBe(200);
  const bytes = await served.body();
  expect(`${sha256(bytes)}.png`).toBe(key);
  expect(sha256(await bucketObject(info, key))).toBe(sha256(bytes));

  // The loop goes on on B (server actions from B's page, under the cookie A minted).
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await critique.score();
  await studio.waitUntilIdle();
  const second = await studio.snapshotOf(2);
  expect(second.src).not.toBe(first.src);

  // And A sees what B made, image included.
  await studio.open(`${a}${projectPath}`);
  await expect(studio.historyEntries()).toHaveCount(2);
  expect(await studio.snapshotOf(2)).toEqual(second);
  expect((await page.request.get(`${a}${second.src}`)).status()).toBe(200);
});

test("a browser that never used instance A still cannot open the project on instance B", async ({ studio, browser }) => {
  const [a, b] = (await scaleOut()).instances as [string, string];
  await studio.open(`${a}/`);
  const projectPath = await studio.firstIteration(DRAFT);

  const other = await browser.newContext();
  try {
    const response = await (await other.newPage()).goto(`${b}${projectPath}`);
    expect(response?.status()).toBe(404);
  } finally {
    await other.close();
  }
});

test("a browser on instance B sees the iteration Generate made through instance A, critique included, without a reload; the jobs ran in the worker process", async ({ studio, page }) => {
  // Two tabs and two rounds on three processes: more than one round's 60 s when the machine is loaded.
  test.setTimeout(120_000);
  const [a, b] = (await scaleOut()).instances as [string, string];
  await studio.open(`${a}/`);
  const projectPath = await studio.firstIteration(DRAFT);
  const projectId = projectPath.split("/").pop()!;

  // The same designer (same cookie) follows the project on B in a second tab.
  const follower = new StudioPage(await page.context().newPage());
  await follower.open(`${b}${projectPath}`);
  await expect(follower.historyEntries()).toHaveCount(1);
  // Gone if the tab reloads or navigates: what follows must reach it through its event stream.
  await follower.page.evaluate(() => Object.assign(window, { loupeFollowing: true }));

  // A chained critique is sent with its render's project: none for v1 (its render made the project), the project's for v2.
  const anyProject = "(?:none|[0-9a-f-]{36})";
  const critiquesBefore = (await outputOf("worker")).match(jobLine("critique", anyProject))?.length ?? 0;
  // Generate on A: a second iteration from an edited prompt.
  await studio.refinedPrompt.fill("A poster for a rooftop cinema at dusk, headline \"Late Show\" in tall amber letters");
  await studio.generateAndWait(2);
  const second = await studio.snapshotOf(2);

  // B hears of it (A's NOTIFY → B's LISTEN → B's stream) with the image and its critique.
  await expect(follower.historyEntries()).toHaveCount(2, { timeout: 30_000 });
  expect(await follower.snapshotOf(2)).toEqual(second);
  expect(await follower.page.evaluate(() => (window as unknown as { loupeFollowing?: boolean }).loupeFollowing)).toBe(true);
  expect(follower.page.url()).toBe(`${b}${projectPath}`);

  // The app instances run no workers (LOUPE_WORKERS=false): the renders and critiques ran in the worker process.
  // v1's render job made the project, so it was sent with none: the project's own render is v2's, and so is the one critique since.
  await expect.poll(async () => (await outputOf("worker")).match(jobLine("render", projectId))?.length ?? 0).toBe(1);
  await expect.poll(async () => (await outputOf("worker")).match(jobLine("critique", anyProject))?.length ?? 0).toBe(critiquesBefore + 1);
  await expect.poll(async () => (await outputOf("worker")).match(jobLine("critique", projectId))?.length ?? 0).toBe(1);
  for (const instance of ["a", "b"] as const) expect(await outputOf(instance)).not.toContain("[loupe] job ");
});
