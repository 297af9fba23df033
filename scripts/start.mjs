// `npm start` / `npm run demo`: `next start`, with glibc's malloc settings (./allocator-env.mjs)
// unless the environment says otherwise. glibc reads them only when a process starts, so they
// are set here for the child rather than inside the app (bench/README.md, "memory"). A Node
// launcher rather than `VAR=… next start` in package.json, so the script also runs on Windows.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { ALLOCATOR_ENV } from "./allocator-env.mjs";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, "start", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...ALLOCATOR_ENV, ...process.env },
});
// The server closes its embedded database on SIGTERM/SIGINT: pass them on and wait for it.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
