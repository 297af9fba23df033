import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

// Plain Node on purpose (no `server-only`, no vitest): the Playwright set-up runs these too.

export type S3TestServer = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The variables that point Loupe at this server (merge into a child process's env). */
  env: Record<string, string>;
  stop: () => Promise<void>;
};

// s3rver checks signatures against this fixed pair.
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** Starts s3rver in this process on a free loopback port, with one empty bucket in a temp dir. */
export async function startS3Server({ bucket = "loupe-test", port = 0 }: { bucket?: string; port?: number } = {}): Promise<S3TestServer> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  let address;
  try {
    address = await server.run();
  } catch (error) {
    await fs.rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  const region = "us-east-1";
  return {
    endpoint,
    bucket,
    region,
    ...CREDENTIALS,
    env: {
      LOUPE_S3_BUCKET: bucket,
      LOUPE_S3_ENDPOINT: endpoint,
      LOUPE_S3_REGION: region,
      LOUPE_S3_FORCE_PATH_STYLE: "true",
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    },
    stop: async () => {
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
