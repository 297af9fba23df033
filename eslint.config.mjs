import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", ".cache/**", "node_modules/**", ".loupe/**", ".tmp/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "lib/db/migrations/**"],
  },
  {
    // House rule: lib/ never reaches into the UI layers.
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "../app/*", "../components/*"] }],
    },
  },
  {
    // The two pipelines stay apart: only server actions orchestrate them.
    files: ["lib/understanding/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "@/lib/generation/*", "@/lib/generation"] }],
    },
  },
  {
    files: ["lib/generation/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/app/*", "@/components/*", "@/lib/understanding/*", "@/lib/understanding"] }],
    },
  },
];

export default config;
