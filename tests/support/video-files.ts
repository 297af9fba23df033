import { spawnSync } from "node:child_process";
import ffmpegInstaller from "@ffmpeg-installer/ffmpeg";

/**
 * Test videos made on the spot with the shipped ffmpeg (its lavfi test sources), so the suite
 * carries no media files: an H.264 MP4 with a tone, a silent WebM, a clip with hard cuts, a codec
 * browsers cannot play, a truncated file.
 */
export const ffmpegBinary = ffmpegInstaller.path;

export function makeVideo(input: { path: string; args: string[] }): string {
  const run = spawnSync(ffmpegBinary, ["-hide_banner", "-v", "error", ...input.args, "-y", input.path], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`ffmpeg could not make ${input.path}: ${run.stderr}`);
  return input.path;
}

/** testsrc with a 440 Hz tone: `seconds` long, H.264 + AAC in MP4. */
export const mp4WithTone = (path: string, seconds = 3, size = "640x360") =>
  makeVideo({ path, args: ["-f", "lavfi", "-i", `testsrc=duration=${seconds}:size=${size}:rate=24`, "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart"] });

/** Three solid colours, each a second long: two hard cuts, at 1 s and 2 s. VP8 WebM, no audio. */
export const webmWithCuts = (path: string) =>
  makeVideo({
    path,
    args: ["-f", "lavfi", "-i", "color=c=red:size=320x180:rate=24:duration=1", "-f", "lavfi", "-i", "color=c=0x00ff00:size=320x180:rate=24:duration=1", "-f", "lavfi", "-i", "color=c=blue:size=320x180:rate=24:duration=1", "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0", "-c:v", "libvpx", "-b:v", "500k"],
  });

/** MJPEG in MOV: decodable, but not a codec browsers play. */
export const movWithMjpeg = (path: string) => makeVideo({ path, args: ["-f", "lavfi", "-i", "testsrc=duration=1:size=320x180:rate=10", "-c:v", "mjpeg", "-f", "mov"] });
