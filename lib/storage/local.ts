import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { isValidImageKey } from "./keys";
import type { ImageStore } from "./types";

const SHARD = /^[0-9a-f]{2}$/;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable: without it a power cut can lose a file we reported stored.
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes to a temp file beside the target, fsyncs, then renames: readers see either no file
 * or the whole file, never a torn one, even if the process dies mid-write.
 */
// Shard directories this process has made: a write into one skips the mkdir (made again if someone removed it).
const knownDirs = new Set<string>();

async function openTemp(dir: string, temp: string): Promise<fs.FileHandle> {
  if (!knownDirs.has(dir)) {
    await fs.mkdir(dir, { recursive: true });
    knownDirs.add(dir);
  }
  try {
    return await fs.open(temp, "wx", 0o644);
  } catch (error) {
    if (!isMissing(error)) throw error;
    knownDirs.delete(dir);
    await fs.mkdir(dir, { recursive: true });
    return fs.open(temp, "wx", 0o644);
  }
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  // The leading dot and suffix keep temp files out of `isValidImageKey`, so list() never reports one.
  const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  const handle = await openTemp(dir, temp);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Images on local disk under `root`, sharded by the first two hex digits (`ab/abcd….png`). */
export function createLocalImageStore({ root }: { root: string }): ImageStore {
  const fileOf = (key: string) => path.join(root, key.slice(0, 2), key);
  return {
    kind: "local",
    async put({ key, bytes }) {
      const file = fileOf(key);
      if (await exists(file)) {
        // Re-storing is a fresh use of the bytes: the orphan sweeper's grace period starts again.
        const now = new Date();
        await fs.utimes(file, now, now).catch(() => undefined);
        return;
      }
      await writeAtomically(file, bytes);
    },
    async get(key) {
      try {
        return new Uint8Array(await fs.readFile(fileOf(key)));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async open(key) {
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(fileOf(key), "r");
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      // One open file for both: a rename or delete between stat and read cannot mix two files.
      const { size } = await handle.stat();
      const stream = Readable.toWeb(handle.createReadStream({ autoClose: true })) as ReadableStream<Uint8Array>;
      return { stream, size };
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
    async modifiedAt(key) {
      try {
        return (await fs.stat(fileOf(key))).mtime;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async list() {
      let shards: string[];
      try {
        shards = (await fs.readdir(root)).filter((name) => SHARD.test(name));
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      const perShard = await Promise.all(
        shards.map(async (shard) => (await fs.readdir(path.join(root, shard))).filter(isValidImageKey)),
      );
      return perShard.flat().sort();
    },
  };
}
