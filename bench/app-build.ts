import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * The bench runs against its own production build of a snapshot of the working tree
 * (`.tmp/bench-app`), so that it never overwrites the `.next` that a developer or the e2e
 * suite is serving at the same time. The snapshot has no lockfile of its own: Next then
 * treats the repository as the workspace root and resolves the repository's node_modules.
 */
export const repoRoot = path.resolve(__dirname, "..");
export const appDir = path.join(repoRoot, ".tmp", "bench-app");

export function snapshotWorkingTree(): void {
  // bench/ comes along: other code (the reliability suites) imports its action client, and next build type-checks it.
  const files = listWorkingTree().filter((file) => file && !file.startsWith("bench/.tmp/") && file !== "package-lock.json");
  rmSync(appDir, { recursive: true, force: true });
  for (const file of files) {
    const from = path.join(repoRoot, file);
    if (!existsSync(from)) continue; // deleted in the working tree but not yet in git
    const to = path.join(appDir, file);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(from, to);
  }
}

/** Tracked + untracked, not ignored files; in a copy without `.git` (e.g. an rsynced tree), every file outside build and data dirs. */
function listWorkingTree(): string[] {
  if (existsSync(path.join(repoRoot, ".git"))) {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: repoRoot, encoding: "utf8" }).split("\0");
  }
  const skip = new Set(["node_modules", ".next", ".tmp", ".loupe", ".git", "test-results", "playwright-report"]);
  return readdirSync(repoRoot, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)))
    .filter((file) => !skip.has(file.split(path.sep)[0]!));
}

export function buildApp(): void {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/next/dist/bin/next"), "build"], {
    cwd: appDir,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

export function hasBuild(): boolean {
  return existsSync(path.join(appDir, ".next", "BUILD_ID"));
}
