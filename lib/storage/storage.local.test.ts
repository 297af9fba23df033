import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { imageStore, listImageKeys, readImage, storeImage } from "./index";
import { describeStorageContract, distinctImage } from "@/tests/support/contracts/storage-contract";
import { setEnv } from "@/tests/support/env";

const dirs: string[] = [];
let dataDir = "";

async function isolate(): Promise<void> {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-images-"));
  dirs.push(dataDir);
  setEnv({ LOUPE_S3_BUCKET: undefined, LOUPE_DATA_DIR: dataDir });
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function allFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe("local disk storage", () => {
  describeStorageContract({ isolate });

  it("is the backend without LOUPE_S3_BUCKET, sharded under LOUPE_DATA_DIR/images", async () => {
    expect(imageStore().kind).toBe("local");
    const { key } = await storeImage({ bytes: await distinctImage() });
    const file = path.join(dataDir, "images", key.slice(0, 2), key);
    expect((await fs.stat(file)).isFile()).toBe(true);
  });

  it("does not rewrite a file it already holds, but restarts its orphan-sweep grace clock", async () => {
    const bytes = await distinctImage();
    const { key } = await storeImage({ bytes });
    const file = path.join(dataDir, "images", key.slice(0, 2), key);
    const before = await fs.stat(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await storeImage({ bytes });
    const after = await fs.stat(file);
    // Same file, not a new copy; a fresh mtime keeps the sweeper off bytes a new row is about to claim.
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBeGreaterThan(before.mtimeMs);
  });

  it("never shows a reader a half-written file, and leaves no temp files", async () => {
    const bytes = await distinctImage("png", 1500);
    const big = new Uint8Array(4 * 1024 * 1024);
    big.set(bytes); // A valid PNG head with megabytes after it: slow enough to race a reader against.
    const key = `${createHash("sha256").update(big).digest("hex")}.png`;
    let writing = true;
    const seen = new Set<number>();
    const reader = (async () => {
      while (writing) {
        const read = await readImage(key);
        seen.add(read?.bytes.byteLength ?? 0);
      }
    })();
    await storeImage({ bytes: big });
    writing = false;
    await reader;
    expect([...seen].every((size) => size === 0 || size === big.byteLength)).toBe(true);
    expect(await allFiles(path.join(dataDir, "images"))).toEqual([key]);
  });

  it("ignores what a crash mid-write leaves behind", async () => {
    const { key } = await storeImage({ bytes: await distinctImage() });
    const shard = path.join(dataDir, "images", key.slice(0, 2));
    await fs.writeFile(path.join(shard, `.${key.slice(0, 60)}0000.png.dead.tmp`), "torn");
    await fs.writeFile(path.join(dataDir, "images", "README"), "not an image");
    expect(await listImageKeys()).toEqual([key]);
  });
});
