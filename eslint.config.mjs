import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/*
 * The walls of the house (README, "Who may import what"). Each lib/ folder is either
 * browser-safe or server-only; these rules prove it for every import, in the `@/` form and
 * in the relative one.
 */

/** Server-only folders of lib/: every module in them imports "server-only". */
const SERVER = ["auth", "db", "env", "fetch", "fonts", "generation", "images", "jobs", "limits", "media", "security", "server", "share", "storage", "understanding", "workflows"];
const PIPELINES = ["understanding", "generation"];

/** `@/lib/<folder>`, `../<folder>` from inside lib/, or `../../lib/<folder>` from anywhere else. */
const libFolders = (folders) => `^(@/lib/|(\\.\\./)+(lib/)?)(${folders.join("|")})(\\.ts)?(/|$)`;
const uiLayers = { regex: "^(@/|(\\.\\./)+)(app|components)(/|$)", message: "lib/ never imports app/ or components/." };

const ban = (regex, message) => ({ regex, message });
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const notTests = ["**/*.test.ts", "**/*.test.tsx"];
const serverOnlyFiles = [...SERVER.filter((f) => f !== "env").map((f) => `lib/${f}/**/*.{ts,tsx}`), "lib/env.ts", "lib/i18n/server.ts", "lib/i18n/boundary.tsx"];
const browserSafeFiles = ["lib/schemas/**/*.ts", "lib/studio/**/*.ts", "lib/store/**/*.ts", "lib/errors.ts", "lib/i18n/**/*.{ts,tsx}"];

/** Every module of a server-only folder says so with `import "server-only"`, so a browser bundle that reaches it fails the build. */
const loupe = {
  rules: {
    "server-only": {
      meta: { type: "problem", messages: { missing: 'This folder is server-only: start the module with import "server-only".' } },
      create: (context) => ({
        Program(program) {
          const marked = program.body.some((node) => node.type === "ImportDeclaration" && node.source.value === "server-only");
          if (!marked) context.report({ node: program, messageId: "missing" });
        },
      }),
    },
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", ".cache/**", "node_modules/**", ".loupe/**", ".tmp/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "lib/db/migrations/**"],
  },
  {
    files: serverOnlyFiles,
    ignores: notTests,
    plugins: { loupe },
    rules: { "loupe/server-only": "error" },
  },
  {
    // The UI gets its data through app/ (pages, actions, route handlers), never from server code.
    files: ["components/**/*.{ts,tsx}"],
    rules: restrict(ban(libFolders(SERVER), "components/ may not import server code (db, storage, the pipelines, workflows, limits…): go through app/.")),
  },
  {
    // Browser-safe folders: the browser may import any module in them.
    files: browserSafeFiles,
    ignores: [...notTests, "lib/i18n/server.ts", "lib/i18n/boundary.tsx"],
    rules: restrict(
      uiLayers,
      ban(libFolders(SERVER), "This folder is browser-safe: it may not import server-only folders."),
      ban("^(server-only|node:)", "This folder is browser-safe: no server-only modules or Node built-ins."),
    ),
  },
  {
    // The two pipelines never meet: only lib/workflows chains them.
    files: ["lib/understanding/**/*.{ts,tsx}"],
    ignores: notTests,
    rules: restrict(uiLayers, ban(libFolders(["generation", "workflows", "jobs"]), "lib/understanding never imports lib/generation (or the workflows above it): lib/workflows chains the two.")),
  },
  {
    files: ["lib/generation/**/*.{ts,tsx}"],
    ignores: notTests,
    rules: restrict(uiLayers, ban(libFolders(["understanding", "workflows", "jobs"]), "lib/generation never imports lib/understanding (or the workflows above it): lib/workflows chains the two.")),
  },
  {
    files: ["lib/workflows/**/*.{ts,tsx}", "lib/jobs/**/*.{ts,tsx}"],
    ignores: notTests,
    rules: restrict(uiLayers),
  },
  {
    // Share pages shape their view with the workflows' iteration view; they never call a pipeline.
    files: ["lib/share/**/*.{ts,tsx}"],
    ignores: notTests,
    rules: restrict(uiLayers, ban(libFolders([...PIPELINES, "jobs"]), "Only lib/workflows imports the pipelines.")),
  },
  {
    // The layers the pipelines and workflows stand on never reach up to them.
    files: ["lib/{auth,db,fetch,fonts,images,limits,media,security,server,storage}/**/*.{ts,tsx}", "lib/env.ts", "lib/i18n/server.ts", "lib/i18n/boundary.tsx"],
    ignores: notTests,
    rules: restrict(uiLayers, ban(libFolders([...PIPELINES, "workflows", "jobs", "share"]), "A base layer (db, storage, limits, server…) never imports the pipelines, workflows or share pages.")),
  },
  {
    // app/ stays thin: it calls a workflow, and only workflows import the pipelines.
    files: ["app/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    rules: restrict(ban(libFolders(PIPELINES), "app/ calls lib/workflows; only the workflows import lib/understanding and lib/generation.")),
  },
];

export default config;
