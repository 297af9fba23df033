import "server-only";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type HeadObjectCommandOutput,
} from "@aws-sdk/client-s3";
import { isValidImageKey } from "./keys";
import type { ImageStore } from "./types";

export type S3Settings = {
  bucket: string;
  prefix: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
};

export function createS3Client(settings: S3Settings): S3Client {
  const { accessKeyId, secretAccessKey } = settings;
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    // Without keys the SDK's default chain applies (instance role, profile, …).
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    // Recent SDKs add CRC checksum headers to every request by default, which some
    // S3-compatible services reject; the content-addressed key already names the bytes.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === "NotFound" || error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404)
  );
}

/** A bucket and the prefix a store keeps its objects under. */
export type S3Place = { client: S3Client; bucket: string; prefix: string };

/** The object's HEAD, or null when there is no such object. */
export async function headOrNull({ client, bucket, prefix }: S3Place, key: string): Promise<HeadObjectCommandOutput | null> {
  try {
    return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}${key}` }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Every key under the prefix that `isKey` accepts (temporary and foreign objects are left out), sorted. */
export async function listKeys({ client, bucket, prefix }: S3Place, isKey: (key: unknown) => key is string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
    for (const object of page.Contents ?? []) {
      const key = object.Key?.slice(prefix.length);
      if (isKey(key)) keys.push(key);
    }
  }
  return keys.sort();
}

/** Images in an S3-compatible bucket, under `prefix`. */
export function createS3ImageStore({ client, bucket, prefix }: { client: S3Client; bucket: string; prefix: string }): ImageStore {
  const objectKey = (key: string) => `${prefix}${key}`;
  const place = { client, bucket, prefix };
  const has = async (key: string) => (await headOrNull(place, key)) !== null;
  return {
    kind: "s3",
    async put({ key, bytes, mediaType }) {
      // A PUT is atomic on S3; the HEAD only saves uploading bytes the bucket already holds.
      if (await has(key)) return;
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentType: mediaType,
          CacheControl: "public, max-age=31536000, immutable",
        }),
      );
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return object.Body ? await object.Body.transformToByteArray() : null;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
    async modifiedAt(key) {
      return (await headOrNull(place, key))?.LastModified ?? null;
    },
    list: () => listKeys(place, isValidImageKey),
  };
}
