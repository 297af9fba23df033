import { rmSync } from "node:fs";
import { expect, test } from "../fixtures";
import { e2eEnv } from "../e2e-env";
import { startNextInstance, type NextInstance } from "../scale-out/next-instance";

// Its own server, because LOUPE_PASSWORD changes the whole deployment.
let server: NextInstance;

test.beforeAll(async () => {
  const dataDir = ".tmp/e2e/team";
  rmSync(dataDir, { recursive: true, force: true });
  server = await startNextInstance({
    port: 3318 + Number(process.env.LOUPE_E2E_PORT_OFFSET ?? 0),
    // Three attempts per address per 15 minutes; a right password clears the count.
    env: { ...e2eEnv.offline, LOUPE_DATA_DIR: dataDir, LOUPE_PASSWORD: "team-secret-42", LOUPE_SIGN_IN_ATTEMPTS: "3" },
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test("with LOUPE_PASSWORD the studio asks for the team password, and a wrong one is refused", async ({ page, studio, critique }) => {
  const base = server.url;
  await page.goto(`${base}/`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  // Actions and APIs are closed too, not only pages.
  const refine = await page.request.post(`${base}/api/refine`, { data: { draft: "a red circle" } });
  expect(refine.status()).toBe(401);
  // A load balancer's health probe has no password, and says nothing but that the instance is up.
  const health = await fetch(`${base}/api/health`, { redirect: "manual" });
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });

  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();

  await page.getByLabel("Password").fill("team-secret-42");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${base}/`);
  await studio.writeDraft("A minimal poster of a single red circle on white");
  await studio.generate();
  await critique.score();
});

test("guessing the team password is slowed down: past the attempts allowed, even the right one must wait", async ({ page }) => {
  await page.goto(`${server.url}/sign-in`);
  const password = page.getByLabel("Password");
  for (let i = 0; i < 3; i += 1) {
    await password.fill(`guess-${i}`);
    // Wait for each attempt's answer: the alert from the previous one is already on screen, and a
    // click while an attempt is still pending would not be counted.
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();
  }
  await password.fill("team-secret-42");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Too many sign-in attempts from this address\. Try again in \d+ min\./ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("sign-in-limited.png") });
  await expect(page).toHaveURL(/\/sign-in/);
});
