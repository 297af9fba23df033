import "server-only";
/**
 * A fetch that sends requests for one origin to another, keeping the path. fal's video and
 * transcription models call https://queue.fal.run directly and ignore the provider's baseURL, so
 * with FAL_BASE_URL set (a gateway, or the local fake in tests) Loupe sends queue requests there
 * too. Used by both pipelines, which may not import each other.
 */
export function rebaseFetch(fetch: typeof globalThis.fetch, from: string, to: string | undefined): typeof globalThis.fetch {
  if (!to) return fetch;
  const target = to.replace(/\/+$/, "");
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return fetch(url.startsWith(from) ? `${target}${url.slice(from.length)}` : url, init);
  };
}

export const FAL_QUEUE_ORIGIN = "https://queue.fal.run";
