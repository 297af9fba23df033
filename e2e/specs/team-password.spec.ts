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

test("after the right password, next= never leads to another site", async ({ browser }) => {
  const origin = new URL(server.url).origin;
  // Tabs and newlines are dropped from URLs and a backslash is a slash, so each of these would be //evil.example.
  for (const next of ["/\\evil.example/x", "/\t/evil.example", "/\n/evil.example", "//evil.example", "https://evil.example/"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Nothing leaves the machine: a visit to evil.example is answered here, and shows up as the page's URL.
    await page.route((target) => target.hostname === "evil.example", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }));
    await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Password").fill("team-secret-42");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(0);
    await page.waitForLoadState();
    expect(new URL(page.url()).origin, JSON.stringify(next)).toBe(origin);
    await context.close();
  }
});

test("guessing the team password is slowed down: past the attempts allowed, even the right one must wait", async ({ browser }) => {
  // Each guess from a fresh browser (no cookies) claiming another X-Forwarded-For: the count is
  // kept for the address the requests really come from, so neither sheds it.
  const attempt = async (guess: string) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}` } });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Password").fill(guess);
    // Wait for the attempt's answer before looking at the alert.
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    return { page, context };
  };
  for (let i = 0; i < 3; i += 1) {
    const { page, context } = await attempt(`guess-${i}`);
    await expect(page.getByRole("alert").filter({ hasText: "not right" })).toBeVisible();
    await context.close();
  }
  const { page } = await attempt("team-secret-42");
  await expect(page.getByRole("alert").filter({ hasText: /Too many sign-in attempts from this address\. Try again in \d+ min\./ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("sign-in-limited.png") });
  await expect(page).toHaveURL(/\/sign-in/);
});
