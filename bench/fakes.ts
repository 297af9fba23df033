import { startAnthropicFake, type AnthropicFake } from "../tests/support/fakes/anthropic";
import { startOpenAIImagesFake, type OpenAIImagesFake } from "../tests/support/fakes/openai-images";
import { photographicPngs } from "./photo-png";
import { startTimingProxy, type TimingProxy } from "./timing-proxy";

/**
 * The e2e suite's protocol-faithful fakes of Claude and of OpenAI Images, each behind a
 * timing proxy. The OpenAI answers get a ~2 MB photographic PNG in place of the fake's flat
 * one (distinct pixels per render), so that decoding, re-encoding, hashing and storing cost
 * what they cost with a real provider.
 */
export type Fakes = {
  anthropic: AnthropicFake;
  openai: OpenAIImagesFake;
  anthropicProxy: TimingProxy;
  openaiProxy: TimingProxy;
  keys: { anthropic: string; openai: string };
  close(): Promise<void>;
};

export async function startFakes(): Promise<Fakes> {
  const keys = { anthropic: "sk-ant-bench-6c1f0e2d9b8a7c6d5e4f3a2b1c0d9e8f", openai: "sk-bench-openai-0123456789abcdef" };
  const anthropic = await startAnthropicFake({ apiKey: keys.anthropic });
  const openai = await startOpenAIImagesFake({ apiKey: keys.openai });
  const nextPhoto = photographicPngs({ seed: 7 });
  let counter = 0;
  // Encoding the photo is the provider's work: it starts as the request arrives (overlapping the
  // fake's injected latency, as a real provider renders while Loupe waits) and stays inside the
  // proxy's exchange, so it counts as the provider's time. One photo is started per request
  // (Loupe asks for one image per call); an answer with more items encodes the rest on the spot.
  const prepare = () => {
    const photo = nextPhoto(counter++);
    photo.catch(() => undefined);
    return photo;
  };
  const rewriteJson = async (body: unknown, prepared?: unknown) => {
    const answer = body as { data?: Array<{ b64_json?: string }> };
    let first = prepared as Promise<Buffer> | undefined;
    await Promise.all(
      (answer.data ?? []).map(async (item) => {
        if (!item.b64_json) return;
        const photo = first ?? nextPhoto(counter++);
        first = undefined;
        item.b64_json = (await photo).toString("base64");
      }),
    );
    return answer;
  };
  const anthropicProxy = await startTimingProxy({ target: anthropic.url });
  const openaiProxy = await startTimingProxy({ target: openai.url, rewriteJson, prepare });
  return {
    anthropic,
    openai,
    anthropicProxy,
    openaiProxy,
    keys,
    async close() {
      await Promise.all([anthropicProxy.close(), openaiProxy.close(), anthropic.close(), openai.close()]);
    },
  };
}

export function resetFakes(fakes: Fakes) {
  fakes.anthropic.reset();
  fakes.openai.reset();
  fakes.anthropicProxy.exchanges.length = 0;
  fakes.openaiProxy.exchanges.length = 0;
}

/** The server's environment: Claude and OpenAI through the proxies, everything else embedded. */
export function serverEnv(fakes: Fakes): Record<string, string> {
  return {
    ANTHROPIC_API_KEY: fakes.keys.anthropic,
    ANTHROPIC_BASE_URL: fakes.anthropicProxy.url,
    OPENAI_API_KEY: fakes.keys.openai,
    OPENAI_BASE_URL: fakes.openaiProxy.url,
    LOUPE_COOKIE_SECRET: "bench-cookie-secret-not-for-production",
    LOUPE_CLAUDE_TIMEOUT_MS: "30000",
    // The fakes listen on http://127.0.0.1: the SSRF guard's opt-in for local gateways.
    LOUPE_ALLOW_PRIVATE_URLS: "1",
  };
}
