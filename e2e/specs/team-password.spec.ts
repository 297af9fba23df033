import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "../fixtures";
import { e2eEnv } from "../e2e-env";

// Its own server, because LOUPE_PASSWORD changes the whole deployment.
const port = 3318;
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess;

test.beforeAll(async () => {
  const dataDir = ".tmp/e2e/team";
  rmSync(dataDir, { recursive: true, force: true });
  server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, ...e2eEnv.offline, PORT: String(port), LOUPE_DATA_DIR: dataDir, LOUPE_PASSWORD: "team-secret-42" } as NodeJS.ProcessEnv,
    stdio: "ignore",
  });
  await expect
    .poll(async () => (await fetch(`${base}/sign-in`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
    .toBe(200);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("with LOUPE_PASSWORD the studio asks for the team password, and a wrong one is refused", async ({ page, studio }) => {
  await page.goto(`${base}/`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  // Actions and APIs are closed too, not only pages.
  const refine = await page.request.post(`${base}/api/refine`, { data: { draft: "a red circle" } });
  expect(refine.status()).toBe(401);

  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();

  await page.getByLabel("Password").fill("team-secret-42");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${base}/`);
  await studio.writeDraft("A minimal poster of a single red circle on white");
  await studio.generate();
  await studio.score();
});
