import "server-only";
/**
 * Where image bytes live. Backends only move bytes under keys the caller has already
 * validated (`isValidImageKey`); hashing, typing and checks happen once, in index.ts.
 */
export type ImageStore = {
  readonly kind: "local" | "s3";
  /** Stores the bytes under the key. Keys are content addresses: a key already present is left as is. */
  put: (input: { key: string; bytes: Uint8Array; mediaType: string }) => Promise<void>;
  get: (key: string) => Promise<Uint8Array | null>;
  /** The bytes as a stream and their size, without reading them into memory first (local disk); absent where the backend has no cheaper way than `get`. */
  open?: (key: string) => Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null>;
  /** Removing a missing key is not an error. */
  delete: (key: string) => Promise<void>;
  list: () => Promise<string[]>;
  /** When the bytes under the key were last written (or re-stored), or null when there are none; the sweeper's grace period reads it. */
  modifiedAt: (key: string) => Promise<Date | null>;
};
