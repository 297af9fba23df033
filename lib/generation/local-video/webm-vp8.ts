import "server-only";
import { EncodedPacket, EncodedVideoPacketSource, FilePathTarget, Output, WebMOutputFormat } from "mediabunny";
import sharp from "sharp";

/**
 * WebM from raw frames without WebCodecs or a native encoder in Node: sharp's libwebp encodes
 * each frame as lossy WebP, whose `VP8 ` chunk is a complete VP8 keyframe, and mediabunny muxes
 * those packets into WebM. Every frame is a keyframe, so the player seeks to any moment at once;
 * the price is size (no prediction between frames), fine for short clips. Deterministic: libwebp
 * and the muxer read no clock and no randomness, so the same frames give the same bytes. Why
 * this and not the ffmpeg binary: docs/video.md.
 */

export const VP8_QUALITY = 80;
/** Frames being encoded at once: libvips works on its own threads while the next frame is drawn. */
const IN_FLIGHT = 2;

/** The VP8 keyframe inside a lossy WebP file (RIFF "WEBP", chunk "VP8 "). */
export function vp8Keyframe(webp: Uint8Array): Uint8Array {
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
  const tag = (at: number) => String.fromCharCode(webp[at]!, webp[at + 1]!, webp[at + 2]!, webp[at + 3]!);
  if (webp.byteLength < 20 || tag(0) !== "RIFF" || tag(8) !== "WEBP") throw new Error("not a WebP file");
  for (let at = 12; at + 8 <= webp.byteLength; ) {
    const size = view.getUint32(at + 4, true);
    if (tag(at) === "VP8 ") return webp.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size & 1);
  }
  throw new Error("the WebP file holds no lossy VP8 frame");
}

export async function encodeVp8Frame(input: { rgb: Uint8Array; width: number; height: number; quality?: number }): Promise<Uint8Array> {
  const webp = await sharp(input.rgb, { raw: { width: input.width, height: input.height, channels: 3 } })
    .webp({ quality: input.quality ?? VP8_QUALITY, effort: 2 })
    .toBuffer();
  return vp8Keyframe(webp);
}

export type WebmWriter = {
  /** Queues a frame (RGB, width × height × 3); resolves once there is room for the next one. */
  add(frame: Uint8Array): Promise<void>;
  finish(): Promise<void>;
  cancel(): Promise<void>;
};

/**
 * Writes a WebM file at `path` frame by frame, so at most a couple of frames are held at once.
 * Frames are encoded concurrently and muxed in order.
 */
export async function createWebmWriter(input: { path: string; width: number; height: number; fps: number; quality?: number }): Promise<WebmWriter> {
  const output = new Output({ format: new WebMOutputFormat(), target: new FilePathTarget(input.path) });
  const source = new EncodedVideoPacketSource("vp8");
  output.addVideoTrack(source, { frameRate: input.fps });
  await output.start();
  let index = 0;
  // Each frame's packet is muxed after the one before it, whatever order the encodes finish in.
  let muxed: Promise<void> = Promise.resolve();
  const pending: Array<Promise<void>> = [];
  let failure: unknown;
  const mux = (data: Uint8Array, k: number) => {
    const packet = new EncodedPacket(data, "key", k / input.fps, 1 / input.fps);
    const meta = k === 0 ? { decoderConfig: { codec: "vp8", codedWidth: input.width, codedHeight: input.height } } : undefined;
    return source.add(packet, meta);
  };
  return {
    async add(frame) {
      if (failure) throw failure;
      const k = index++;
      const encoded = encodeVp8Frame({ rgb: frame, width: input.width, height: input.height, quality: input.quality });
      muxed = Promise.all([muxed, encoded]).then(([, data]) => mux(data, k));
      // Backpressure only: a failure is kept and thrown by the next add() or by finish().
      pending.push(muxed.then(() => undefined, (error: unknown) => void (failure ??= error)));
      if (pending.length >= IN_FLIGHT) await pending.shift();
    },
    async finish() {
      await muxed;
      await output.finalize();
    },
    async cancel() {
      await muxed.catch(() => undefined);
      await output.cancel();
    },
  };
}
