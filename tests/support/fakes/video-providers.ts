/**
 * The video-provider fakes, each served together with the same provider's image fake on one
 * server, as the real base URL serves both (video requests go to the video protocol, the rest to
 * the image one):
 *   npx tsx tests/support/fakes/video-providers.ts --provider google --port 4031 --key test-key
 * Providers: fal (queue API), google (Veo long-running operations), replicate (predictions), xai.
 */
import { falProtocol } from "./fal";
import { falQueueProtocol } from "./fal-queue";
import { googleProtocol } from "./google";
import { googleVeoProtocol } from "./google-veo";
import { xaiProtocol } from "./openai-style-images";
import { argValue, startProviderFake, type Protocol, type ProviderFake, type RouteContext } from "./provider-fake";
import { replicateProtocol } from "./replicate";
import { replicateVideoProtocol } from "./replicate-video";
import type { VideoJobs } from "./video-jobs";
import { xaiVideoProtocol } from "./xai-video";

type VideoProtocol = Protocol & { jobs: VideoJobs; handles(ctx: Pick<RouteContext, "method" | "path" | "body">): boolean };

/** One protocol that sends video requests to `video` and everything else to `image`. */
export function withVideo(image: Protocol, video: VideoProtocol): VideoProtocol {
  return {
    jobs: video.jobs,
    basePath: video.basePath,
    handles: video.handles,
    checkAuth: (headers, apiKey, request) => (request && video.handles({ method: "GET", path: request.path, body: undefined }) ? video.checkAuth(headers, apiKey, request) : image.checkAuth(headers, apiKey, request)),
    fault: video.fault,
    handle: (ctx) => (video.handles(ctx) ? video.handle(ctx) : image.handle(ctx)),
  };
}

export const videoProviderProtocols: Record<string, () => VideoProtocol> = {
  fal: () => withVideo(falProtocol, falQueueProtocol()),
  google: () => withVideo(googleProtocol, googleVeoProtocol()),
  replicate: () => withVideo(replicateProtocol, replicateVideoProtocol()),
  xai: () => withVideo(xaiProtocol, xaiVideoProtocol()),
};

export type VideoProviderFake = ProviderFake & { jobs: VideoJobs };

export async function startVideoProviderFake(input: { provider: string; apiKey: string; port?: number; host?: string }): Promise<VideoProviderFake> {
  const make = videoProviderProtocols[input.provider];
  if (!make) throw new Error(`No video fake for provider "${input.provider}"; known: ${Object.keys(videoProviderProtocols).join(", ")}`);
  const protocol = make();
  const fake = await startProviderFake({ protocol, apiKey: input.apiKey, port: input.port, host: input.host });
  const resetRequests = fake.reset;
  return Object.assign(fake, {
    jobs: protocol.jobs,
    reset: () => {
      resetRequests();
      protocol.jobs.reset();
    },
  });
}

const invokedDirectly = /support[\\/]fakes[\\/]video-providers\.ts$/.test(process.argv[1] ?? "");

if (invokedDirectly) {
  const provider = argValue("--provider") ?? "fal";
  // No top-level await: tsx may load this file as CommonJS.
  void startVideoProviderFake({ provider, apiKey: argValue("--key") ?? "test-key", port: Number(argValue("--port") ?? 0), host: argValue("--host") }).then((fake) => {
    console.log(`${provider} video fake listening on ${fake.url}`);
    const stop = () => void fake.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
