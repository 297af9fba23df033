import "server-only";
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { env } from "@/lib/env";
import { MediaError } from "./errors";

/**
 * The ffmpeg both pipelines use: `FFMPEG_PATH` when set (a system install), otherwise the
 * binary shipped inside the npm package @ffmpeg-installer/ffmpeg (installed with the app, so
 * nothing is downloaded at run time). ffmpeg runs as a separate process, never linked in.
 */
export async function ffmpegPath(): Promise<string> {
  const path = env().FFMPEG_PATH ?? (await shippedPath());
  try {
    accessSync(path, constants.X_OK);
  } catch (cause) {
    throw new MediaError({ reason: "decoder_missing", path }, { cause });
  }
  return path;
}

async function shippedPath(): Promise<string> {
  try {
    // Loaded from node_modules at run time (a server external package): it finds the binary from its own location.
    const installer = (await import("@ffmpeg-installer/ffmpeg")) as { path?: string; default?: { path: string } };
    return installer.default?.path ?? installer.path!;
  } catch (cause) {
    throw new MediaError({ reason: "decoder_missing", path: "@ffmpeg-installer/ffmpeg" }, { cause });
  }
}

export type FfmpegRun = { code: number; stderr: string; stdout: Buffer };

/** What is kept of ffmpeg's log: its tail holds the errors, its head the stream facts (probe reads those). */
const MAX_LOG = 256 * 1024;

/**
 * Runs ffmpeg with `args` and resolves when it exits (with any exit code: callers judge). A
 * signal or the timeout kills it at once. `input` is written to its stdin; `stdout: true` keeps
 * what it writes there (for small outputs; frames go to files).
 */
export async function runFfmpeg(input: { args: string[]; signal?: AbortSignal; timeoutMs?: number; input?: AsyncIterable<Uint8Array>; stdout?: boolean }): Promise<FfmpegRun> {
  input.signal?.throwIfAborted();
  // -nostdin unless frames come in on stdin: otherwise ffmpeg would read the server's terminal.
  const child = spawn(await ffmpegPath(), ["-hide_banner", ...(input.input ? [] : ["-nostdin"]), ...input.args], {
    stdio: [input.input ? "pipe" : "ignore", input.stdout ? "pipe" : "ignore", "pipe"],
  });
  let stderr = "";
  const out: Buffer[] = [];
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    if (stderr.length > MAX_LOG * 2) stderr = stderr.slice(0, MAX_LOG) + stderr.slice(-MAX_LOG);
  });
  child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
  const timer = input.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), input.timeoutMs) : undefined;
  const onAbort = () => child.kill("SIGKILL");
  input.signal?.addEventListener("abort", onAbort, { once: true });
  const exited = new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  try {
    if (input.input) await feed(child.stdin!, input.input);
    const code = await exited;
    input.signal?.throwIfAborted();
    return { code, stderr, stdout: Buffer.concat(out) };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    input.signal?.removeEventListener("abort", onAbort);
  }
}

/** Writes each chunk, waiting for ffmpeg to take it (backpressure), then closes its stdin. */
async function feed(stdin: NodeJS.WritableStream, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const closed = new Promise<void>((resolve) => stdin.once("close", resolve));
  stdin.on("error", () => undefined); // ffmpeg exiting early closes the pipe; its exit code tells why.
  for await (const chunk of chunks) {
    const ok = stdin.write(chunk);
    if (!ok) await Promise.race([new Promise((resolve) => stdin.once("drain", resolve)), closed]);
  }
  stdin.end();
}

/** The last lines of ffmpeg's log that say what went wrong, without paths (they would leak the server's layout). */
export function ffmpegFailure(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const last = lines.slice(-2).join(" ").replace(/\/[^\s:]+/g, "the file");
  return last.length > 200 ? `${last.slice(0, 199)}…` : last || "ffmpeg failed";
}
