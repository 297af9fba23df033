import "server-only";
import { getReferenceImage } from "@/lib/db/queries";
import { findProjectImage, insertImageThread } from "@/lib/db/thread-queries";
import { LoupeError } from "@/lib/errors";
import { ingestStill } from "@/lib/images/ingest";
import { MAX_DESCRIBE_BYTES, type ImageThreadView, type PickRequest } from "@/lib/schemas/image-thread";
import { prepareRendition, storeImage } from "@/lib/storage";
import { sniffImageMediaType } from "@/lib/storage/keys";
import { projectFor } from "../owned";
import { toImageThreadView } from "./views";

/** Pixels a described image may have: a large phone photo or a long screenshot, far below a bomb. */
export const MAX_DESCRIBE_PIXELS = 40_000_000;

type Project = { id: string; name: string };
export type StartedThread = { thread: ImageThreadView; project: Project };

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const at = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);

/** MP4/MOV (an `ftyp` box), WebM/Matroska, AVI and Ogg, by their signatures. */
export function looksLikeVideo(bytes: Uint8Array): boolean {
  return (
    at(bytes, ascii("ftyp"), 4) ||
    at(bytes, [0x1a, 0x45, 0xdf, 0xa3]) ||
    (at(bytes, ascii("RIFF")) && at(bytes, ascii("AVI "), 8)) ||
    at(bytes, ascii("OggS"))
  );
}

/** A designer's upload: refused with a reason unless it is a still image; stored as a fresh, metadata-free encode. */
export async function startThreadFromUpload({ ownerId, projectId, bytes, fileName }: { ownerId: string; projectId: string | null; bytes: Uint8Array; fileName: string | null }): Promise<StartedThread> {
  if (looksLikeVideo(bytes)) throw new LoupeError("unsupported_media", { message: "Send a video as the request body itself (Content-Type video/mp4, video/webm or video/quicktime): clips are streamed to disk, not sent in a form." });
  if (bytes.byteLength > 0 && !sniffImageMediaType(bytes)) {
    throw new LoupeError("unsupported_media", { message: "That file is not an image Loupe can read. Describe takes JPEG, PNG, WebP and GIF images up to 10 MB." });
  }
  const image = await ingestStill({ bytes, maxBytes: MAX_DESCRIBE_BYTES, maxPixels: MAX_DESCRIBE_PIXELS });
  // Describing may come before the first render; it then starts the project, as a reference upload does.
  const project = await projectFor({ ownerId, projectId, name: "Untitled project" });
  const stored = await storeImage(image);
  prepareRendition({ key: stored.key, original: image.bytes });
  const thread = await insertImageThread({
    projectId: project.id,
    ownerId,
    source: "upload",
    fileName: fileName?.slice(0, 200) || null,
    storageKey: stored.key,
    sha256: stored.sha256,
    width: image.width,
    height: image.height,
    mediaType: stored.mediaType,
    bytes: stored.size,
  });
  return { thread: toImageThreadView({ ...thread, turns: [] }), project: { id: project.id, name: project.name } };
}

/** A render or a reference the project already holds: its stored bytes are described as they are. */
export async function startThreadFromProject({ ownerId, projectId, source }: { ownerId: string } & PickRequest): Promise<StartedThread> {
  const project = await projectFor({ ownerId, projectId, name: "Untitled project" });
  const picked = source.kind === "render" ? await findProjectImage({ ownerId, projectId, imageId: source.imageId }) : await projectReference({ ownerId, projectId, referenceId: source.referenceId });
  if (!picked) throw new LoupeError("not_found", { message: "That image is not in this project." });
  const thread = await insertImageThread({
    projectId,
    ownerId,
    source: source.kind,
    fileName: null,
    storageKey: picked.storageKey,
    sha256: picked.sha256,
    width: picked.width,
    height: picked.height,
    mediaType: picked.mediaType,
    bytes: picked.bytes,
  });
  return { thread: toImageThreadView({ ...thread, turns: [] }), project: { id: project.id, name: project.name } };
}

async function projectReference({ ownerId, projectId, referenceId }: { ownerId: string; projectId: string; referenceId: string }) {
  const reference = await getReferenceImage({ ownerId, referenceId });
  return reference && reference.projectId === projectId ? reference : null;
}
