/**
 * The job engine's bench rows (bench/run.ts, `--only=jobs`): bench/jobs-engine.ts runs in a
 * process of its own per database (its start-up and memory are the engine's alone) and prints
 * one JSON line, turned here into rows: enqueue → job start on an idle worker (p50 ≤ 50 ms, the
 * target issue 19 set so that click → image visible does not get worse), start-up, memory, jobs/s.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ms, type Row } from "./table";

type EngineFigures = { engine: "pglite" | "postgres"; startupMs: number; memoryBytes: number; pickupP50: number; pickupP95: number; jobsPerSecond: number };

export async function measureJobRows({ quick, engines = ["pglite", "postgres"] }: { quick: boolean; engines?: Array<EngineFigures["engine"]> }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const engine of engines) {
    const figures = await runEngineBench({ engine, runs: quick ? 10 : 50 });
    const on = engine === "pglite" ? "embedded PGlite" : "PostgreSQL";
    rows.push(
      { id: `jobs.pickup.${engine}`, label: `Job: enqueue → start, idle worker (${on})`, target: "p50 ≤ 50 ms", value: ms(figures.pickupP50), spread: `p95 ${ms(figures.pickupP95)}`, pass: quick ? null : figures.pickupP50 <= 50, raw: figures },
      { id: `jobs.startup.${engine}`, label: `Job engine start-up (${on})`, target: "reported", value: ms(figures.startupMs), spread: `+${(figures.memoryBytes / 1024 / 1024).toFixed(1)} MB RSS`, pass: null },
      { id: `jobs.throughput.${engine}`, label: `Jobs per second, one process (${on})`, target: "reported", value: `${figures.jobsPerSecond.toFixed(0)} jobs/s`, spread: "", pass: null },
    );
  }
  return rows;
}

function runEngineBench({ engine, runs }: { engine: EngineFigures["engine"]; runs: number }): Promise<EngineFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(__dirname, "jobs-engine.ts"), engine, String(runs)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`jobs bench (${engine}) exited ${code}`));
      resolve(JSON.parse(line) as EngineFigures);
    });
  });
}
