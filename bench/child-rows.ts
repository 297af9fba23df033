import { spawn } from "node:child_process";
import path from "node:path";
import type { Row } from "./table";

/**
 * Library-level bench rows (edit, explore, video) import server-only modules, which load only under
 * the react-server condition: each such bench runs as its own child process and prints its rows as
 * one JSON line. This starts one and reads that line.
 */
export function rowsFromChild({ script, args = [] }: { script: string; args?: string[] }): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(__dirname, script), "--json", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("[")) return reject(new Error(`${script} exited ${code}`));
      resolve(JSON.parse(line) as Row[]);
    });
  });
}

/**
 * The other half: when `script` is the file node was started with, measure and print the rows —
 * one JSON line with --json (for rowsFromChild), a table otherwise.
 */
export function printRowsWhenRun({ script, measure }: { script: string; measure: () => Promise<Row[]> }): void {
  const started = process.argv[1] ?? "";
  if (path.basename(started) !== script || path.basename(path.dirname(started)) !== "bench") return;
  void measure().then(
    async (rows) => {
      if (process.argv.includes("--json")) return console.log(JSON.stringify(rows));
      const { formatTable } = await import("./table");
      console.log(formatTable(rows));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
