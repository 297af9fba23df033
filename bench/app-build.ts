import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
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
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: repoRoot, encoding: "utf8" })
    .split("\0")
    .filter((file) => file && !file.startsWith("bench/") && file !== "package-lock.json");
  rmSync(appDir, { recursive: true, force: true });
  for (const file of files) {
    const from = path.join(repoRoot, file);
    if (!existsSync(from)) continue; // deleted in the working tree but not yet in git
    const to = path.join(appDir, file);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(from, to);
  }
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
