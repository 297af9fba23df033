import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "tests/support/server-only-stub.ts") } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.tsx", "tests/support/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Provider fakes listen on http://127.0.0.1; the SSRF guard refuses that unless a deployment opts in.
    env: { LOUPE_ALLOW_PRIVATE_URLS: "1" },
  },
});
