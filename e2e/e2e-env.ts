/** Ports and environments of the servers the e2e suite starts; shared by the config and the specs. */
// LOUPE_E2E_PORT_OFFSET moves every port at once, so two checkouts can run the suite side by side.
const offset = Number(process.env.LOUPE_E2E_PORT_OFFSET ?? 0);
export const ports = {
  offline: 3310 + offset,
  claude: 3311 + offset,
  anthropic: 4310 + offset,
  /** Two instances of one build on one PostgreSQL and one S3 bucket, and the script's readiness probe. */
  scaleOutA: 3320 + offset,
  scaleOutB: 3321 + offset,
  scaleOutReady: 3322 + offset,
  /** A server with two image-provider fakes (fal and Luma) on the Offline engine. */
  providers: 3312 + offset,
  falFake: 4312 + offset,
  lumaFake: 4313 + offset,
  /** A server with tiny limits (a daily budget of one paid fal render, a low rate limit) and its own fal fake. */
  limits: 3330 + offset,
  limitsFalFake: 4330 + offset,
} as const;

// Looks like a real key so that a leak scan is meaningful; it only opens the local fake.
const anthropicKey = "sk-ant-e2e-0f9d3c2b7a6e4f1d8c5b2a9e7f3d1c0b";

const common = {
  NODE_ENV: "production",
  // Never let a developer's real keys leak into the suite.
  ANTHROPIC_API_KEY: "",
  OPENAI_API_KEY: "",
  DATABASE_URL: "",
  LOUPE_S3_BUCKET: "",
  LOUPE_COOKIE_SECRET: "e2e-cookie-secret-not-for-production",
  // The provider fakes listen on http://127.0.0.1: the opt-in the SSRF guard needs for local gateways.
  LOUPE_ALLOW_PRIVATE_URLS: "1",
};

// Opens only the local provider fakes.
const providerKey = "e2e-provider-key-7c1d9f0a2b4e";

export const e2eEnv = {
  anthropicKey,
  providerKey,
  /** Both scale-out instances get these; the script adds DATABASE_URL and the S3 settings it starts. */
  scaleOut: {
    ...common,
    LOUPE_COOKIE_SECRET: "e2e-scale-out-cookie-secret-shared-by-all-instances",
    // base64 of 32 bytes, the AES-256 key Next uses for server-action closures; every instance needs the same one.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "bG91cGUtZTJlLXNjYWxlLW91dC1hY3Rpb25zLWtleSE=",
  },
  offline: { ...common, PORT: String(ports.offline), LOUPE_DATA_DIR: ".tmp/e2e/offline" },
  providers: {
    ...common,
    PORT: String(ports.providers),
    LOUPE_DATA_DIR: ".tmp/e2e/providers",
    FAL_KEY: providerKey,
    FAL_BASE_URL: `http://127.0.0.1:${ports.falFake}`,
    LUMA_API_KEY: providerKey,
    LUMA_BASE_URL: `http://127.0.0.1:${ports.lumaFake}`,
    // The fakes live on loopback over http, which the SSRF guard refuses unless told otherwise.
    LOUPE_ALLOW_PRIVATE_URLS: "1",
    // One failure is one failed call, so the spec can fail exactly the calls it means to.
    LOUPE_PROVIDER_MAX_RETRIES: "0",
  },
  limits: {
    ...common,
    PORT: String(ports.limits),
    LOUPE_DATA_DIR: ".tmp/e2e/limits",
    FAL_KEY: providerKey,
    FAL_BASE_URL: `http://127.0.0.1:${ports.limitsFalFake}`,
    LOUPE_PROVIDER_MAX_RETRIES: "0",
    // fal's default model lists at $0.025 an image: one render fits, a second would pass the budget.
    LOUPE_DAILY_BUDGET_USD: "0.03",
    LOUPE_RATE_LIMIT_PER_OWNER: "8",
  },
  claude: {
    ...common,
    PORT: String(ports.claude),
    LOUPE_DATA_DIR: ".tmp/e2e/claude",
    ANTHROPIC_API_KEY: anthropicKey,
    ANTHROPIC_BASE_URL: `http://127.0.0.1:${ports.anthropic}`,
    // The SDK retries overloads itself; keep the suite quick while still exercising that path.
    LOUPE_CLAUDE_TIMEOUT_MS: "15000",
  },
};
