import { randomUUID } from "node:crypto";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type S3TestServer } from "@/tests/support/s3-server";
import { imageStore, listImageKeys, readImage, storeImage } from "./index";
import { createS3Client, createS3ImageStore } from "./s3";
import { describeStorageContract, distinctImage } from "@/tests/support/contracts/storage-contract";
import { setEnv } from "@/tests/support/env";

let s3: S3TestServer;
let prefix = "";

beforeAll(async () => {
  s3 = await startS3Server();
});

afterAll(async () => {
  await s3?.stop();
});

async function isolate(): Promise<void> {
  // A fresh prefix per test is an empty store on the same bucket.
  prefix = `run-${randomUUID()}/`;
  setEnv({ ...s3.env, LOUPE_S3_PREFIX: prefix });
}

function client() {
  return createS3Client({ ...s3, prefix, forcePathStyle: true });
}

describe("S3 storage (s3rver)", () => {
  describeStorageContract({ isolate });

  it("is the backend when LOUPE_S3_BUCKET is set, storing typed objects under the prefix", async () => {
    expect(imageStore().kind).toBe("s3");
    const { key } = await storeImage({ bytes: await distinctImage("webp") });
    const head = await client().send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `${prefix}${key}` }));
    expect(head.ContentType).toBe("image/webp");
    expect(head.CacheControl).toContain("immutable");
  });

  it("uploads bytes the bucket already holds only once", async () => {
    const commands: string[] = [];
    const counted = client();
    counted.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: "initialize" },
    );
    const store = createS3ImageStore({ client: counted, bucket: s3.bucket, prefix });
    const bytes = await distinctImage();
    const key = `${"f".repeat(64)}.png`;
    await store.put({ key, bytes, mediaType: "image/png" });
    await store.put({ key, bytes, mediaType: "image/png" });
    expect(commands.filter((c) => c === "PutObjectCommand")).toHaveLength(1);
  });

  it("lists only image keys directly under its prefix", async () => {
    const { key } = await storeImage({ bytes: await distinctImage() });
    const put = (Key: string) => client().send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: "x" }));
    await put(`${prefix}notes.txt`);
    await put(`${prefix}nested/${key}`);
    await put(`elsewhere-${randomUUID()}/${key}`);
    expect(await listImageKeys()).toEqual([key]);
    expect((await readImage(key))?.mediaType).toBe("image/png");
  });
});
