import "server-only";
import path from "node:path";
import { env, type Env } from "@/lib/env";
import { createLocalImageStore } from "./local";
import { createS3Client, createS3ImageStore } from "./s3";
import type { ImageStore } from "./types";

/*
 * The two backends the environment selects: the originals, and the derived renditions
 * (AVIF/WebP at fixed widths) kept beside them under `derived/`. Renditions are a cache:
 * they can be deleted at any time and are made again from the original on the next request.
 * Originals' list() never sees them (other directory / prefix, and keys of another shape).
 */

type Stores = { originals: ImageStore; derived: ImageStore };

function createStores(e: Env): Stores {
  if (e.LOUPE_S3_BUCKET) {
    const settings = {
      bucket: e.LOUPE_S3_BUCKET,
      prefix: e.LOUPE_S3_PREFIX,
      region: e.LOUPE_S3_REGION,
      endpoint: e.LOUPE_S3_ENDPOINT,
      forcePathStyle: e.LOUPE_S3_FORCE_PATH_STYLE,
      accessKeyId: e.AWS_ACCESS_KEY_ID,
      secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
    };
    const client = createS3Client(settings);
    return {
      originals: createS3ImageStore({ client, bucket: settings.bucket, prefix: settings.prefix }),
      derived: createS3ImageStore({ client, bucket: settings.bucket, prefix: `${settings.prefix}derived/` }),
    };
  }
  const root = path.resolve(e.LOUPE_DATA_DIR, "images");
  return { originals: createLocalImageStore({ root }), derived: createLocalImageStore({ root: path.join(root, "derived") }) };
}

// On globalThis so Next dev reloads reuse one S3 client (and its sockets) instead of leaking them;
// made again only for new settings (a test that reset them).
const globalStore = globalThis as typeof globalThis & { __loupeImageStores?: { config: Env; stores: Stores } };

function stores(): Stores {
  const config = env();
  const cached = globalStore.__loupeImageStores;
  if (cached?.config === config) return cached.stores;
  const created = createStores(config);
  globalStore.__loupeImageStores = { config, stores: created };
  return created;
}

/** The backend of the originals: S3 when LOUPE_S3_BUCKET is set, else local disk. */
export const imageStore = (): ImageStore => stores().originals;

/** Where renditions are cached, beside the originals. */
export const derivedStore = (): ImageStore => stores().derived;
