import { existsSync } from "node:fs";
import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { e2eEnv, ports } from "./e2e/e2e-env";

/*
 * Two production servers from one build: one on the embedded defaults (Offline engine,
 * Local renderer), one on Claude — reached by the real SDK through ANTHROPIC_BASE_URL at a
 * local, protocol-faithful fake of the Messages API.
 *
 * Browsers: Playwright's own Chromium when `npx playwright install` has fetched it; on
 * machines where it cannot, the system Chromium (scripts/ensure-chromium.sh installs it).
 */
const systemChromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = existsSync(systemChromium) ? systemChromium : undefined;

/*
 * LOUPE_E2E_ONLY=offline (the Node 24 leg of `npm test`, which runs the offline project alone)
 * starts only what that project uses: the offline server and the Claude fake a few of its
 * specs point their own servers at. Everything else starts a minute of servers for nothing.
 */
const onlyOffline = process.env.LOUPE_E2E_ONLY === "offline";

type Server = NonNullable<Exclude<PlaywrightTestConfig["webServer"], unknown[] | undefined>> & { offline?: boolean };

const servers: Server[] = [
    {
      offline: true,
      command: `npx tsx tests/support/fakes/anthropic.ts --port ${ports.anthropic} --key ${e2eEnv.anthropicKey}`,
      url: `http://127.0.0.1:${ports.anthropic}/__control`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      offline: true,
      command: `node e2e/serve.mjs offline`,
      url: `http://127.0.0.1:${ports.offline}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: e2eEnv.offline,
    },
    ...(["fal", "luma"] as const).map((provider) => ({
      command: `npx tsx tests/support/fakes/image-providers.ts --provider ${provider} --port ${provider === "fal" ? ports.falFake : ports.lumaFake} --key ${e2eEnv.providerKey}`,
      url: `http://127.0.0.1:${provider === "fal" ? ports.falFake : ports.lumaFake}/__health`,
      reuseExistingServer: false,
      stdout: "ignore" as const,
    })),
    {
      command: `node e2e/serve.mjs providers`,
      url: `http://127.0.0.1:${ports.providers}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: e2eEnv.providers,
    },
    {
      command: `npx tsx tests/support/fakes/image-providers.ts --provider fal --port ${ports.limitsFalFake} --key ${e2eEnv.providerKey}`,
      url: `http://127.0.0.1:${ports.limitsFalFake}/__health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: `node e2e/serve.mjs limits`,
      url: `http://127.0.0.1:${ports.limits}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: e2eEnv.limits,
    },
    {
      command: `node e2e/serve.mjs claude`,
      url: `http://127.0.0.1:${ports.claude}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: e2eEnv.claude,
    },
    {
      // The script itself is the process Playwright signals (no npx in between), so its clean-up runs.
      command: `node --import tsx e2e/scale-out/start.ts`,
      // Answers only once both instances do.
      url: `http://127.0.0.1:${ports.scaleOutReady}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      // SIGTERM lets the script stop both servers, PostgreSQL and s3rver, and remove their files.
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    },
];

export default defineConfig({
  testDir: "./e2e/specs",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1440, height: 960 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      // --disable-gpu: software video decoding, as on a server (the GPU path can lose a headless page while a clip plays).
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-gpu"],
    },
  },
  projects: [
    { name: "offline", testMatch: /\/(?!claude-|scale-out|providers|limits)[^/]*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${ports.offline}` } },
    // fal and Luma fakes behind one server: routing, fallback, variants, compare and cancel.
    { name: "providers", testMatch: /\/providers[^/]*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${ports.providers}` } },
    { name: "claude", testMatch: /\/claude-[^/]*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${ports.claude}` } },
    // Tiny limits: a daily budget of one paid render against a fal fake, a rate limit of 8 per minute.
    { name: "limits", testMatch: /\/limits[^/]*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${ports.limits}` } },
    // Two instances on one PostgreSQL and one bucket; specs address each instance by its full URL.
    { name: "scale-out", testMatch: /\/scale-out[^/]*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${ports.scaleOutA}` } },
  ],
  webServer: servers.filter((server) => !onlyOffline || server.offline).map(({ command, url, reuseExistingServer, timeout, env, stdout, gracefulShutdown }) => ({ command, url, reuseExistingServer, timeout, env, stdout, gracefulShutdown })),
});
