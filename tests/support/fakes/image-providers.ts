/**
 * Starts one image-provider fake by name, for e2e runs and demos:
 *   npx tsx tests/support/fakes/image-providers.ts --provider fal --port 4021 --key test-key
 * Providers: openai, fal, replicate, black-forest-labs, xai, togetherai, fireworks, luma, google, openai-compatible.
 * Control from another process: POST /__control { failNext: { status, count }, latencyMs (a number, or a list:
 * one delay per request in turn), reset }; GET /__control lists requests with their timing and whether the caller hung up.
 */
import { bflProtocol } from "./black-forest-labs";
import { falProtocol } from "./fal";
import { fireworksProtocol } from "./fireworks";
import { googleProtocol } from "./google";
import { lumaProtocol } from "./luma";
import { openAIImagesProtocol } from "./openai-images";
import { gatewayProtocol, togetherProtocol, xaiProtocol } from "./openai-style-images";
import { argValue, startProviderFake, type Protocol, type ProviderFake } from "./provider-fake";
import { replicateProtocol } from "./replicate";

export const imageProviderProtocols: Record<string, Protocol> = {
  openai: openAIImagesProtocol,
  fal: falProtocol,
  replicate: replicateProtocol,
  "black-forest-labs": bflProtocol,
  xai: xaiProtocol,
  togetherai: togetherProtocol,
  fireworks: fireworksProtocol,
  luma: lumaProtocol,
  google: googleProtocol,
  "openai-compatible": gatewayProtocol(),
};

export function startImageProviderFake(input: { provider: string; apiKey: string; port?: number; host?: string }): Promise<ProviderFake> {
  const protocol = imageProviderProtocols[input.provider];
  if (!protocol) throw new Error(`No fake for provider "${input.provider}"; known: ${Object.keys(imageProviderProtocols).join(", ")}`);
  return startProviderFake({ protocol, apiKey: input.apiKey, port: input.port, host: input.host });
}

const invokedDirectly = /support[\\/]fakes[\\/]image-providers\.ts$/.test(process.argv[1] ?? "");

if (invokedDirectly) {
  const provider = argValue("--provider") ?? "fal";
  // No top-level await: tsx may load this file as CommonJS.
  void startImageProviderFake({ provider, apiKey: argValue("--key") ?? "test-key", port: Number(argValue("--port") ?? 0), host: argValue("--host") }).then((fake) => {
    console.log(`${provider} image fake listening on ${fake.url}`);
    const stop = () => void fake.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
