/** Ports and environments of the servers the e2e suite starts; shared by the config and the specs. */
export const ports = { offline: 3310, claude: 3311, anthropic: 4310 } as const;

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
};

export const e2eEnv = {
  anthropicKey,
  offline: { ...common, PORT: String(ports.offline), LOUPE_DATA_DIR: ".tmp/e2e/offline" },
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
