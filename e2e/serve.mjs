// Starts one production server for the e2e suite on a fresh data directory.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { ALLOCATOR_ENV } from "../scripts/allocator-env.mjs";

const name = process.argv[2];
const dataDir = process.env.LOUPE_DATA_DIR;
if (!name || !dataDir) throw new Error("usage: LOUPE_DATA_DIR=… node e2e/serve.mjs <name>");
rmSync(dataDir, { recursive: true, force: true });

// As `npm start` runs the server (scripts/start.mjs): with its glibc malloc settings.
const child = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", process.env.PORT], { stdio: "inherit", env: { ...ALLOCATOR_ENV, ...process.env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
