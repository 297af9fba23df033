/**
 * The shortest prefix each Claude model writes to the prompt cache, in tokens. Below it a
 * `cache_control` breakpoint is ignored without an error: nothing is written, nothing read
 * (`cache_creation_input_tokens: 0`). This is the one place that knows it — the prompt builders
 * check their stable prefixes against it and the Anthropic fake charges by it.
 *
 * From the model pages and the prompt-caching guide (checked 2026-12): Sonnet 5.5 512, Sonnet 5
 * 1,024, the Opus 5 / Fable 5 / Mythos 5 families 512; Sonnet 4.6 2,048 (documented as 1,024,
 * observed 2,048); Sonnet 4.5 and older, Opus 4 and 4.1 1,024; Opus 4.5–4.7 and Haiku 4.5 4,096;
 * Haiku 3 and 3.5 2,048. Haiku 5.5's minimum is not published: it is taken as Haiku 4.5's
 * 4,096, and an unknown model as 4,096 too, so a prefix that passes here passes there.
 */
const FAMILY_MINIMUMS: Array<[pattern: RegExp, tokens: number]> = [
  [/sonnet-5-5/, 512],
  [/sonnet-5\b|sonnet-5-\d{8}/, 1024],
  [/(opus|fable|mythos)-5/, 512],
  [/sonnet-4-6/, 2048],
  [/sonnet-4|sonnet-3-[57]|3-[57]-sonnet|opus-4-(0|1)\b|opus-4-1-|opus-4-2025|opus-4-8/, 1024],
  [/opus-4-[5-7]|haiku-4-5/, 4096],
  [/haiku-3|3-5-haiku|3-haiku/, 2048],
  [/haiku-5/, 4096],
];

export const UNKNOWN_MODEL_MIN_CACHEABLE = 4096;

export function minCacheableTokens(model: string): number {
  return FAMILY_MINIMUMS.find(([pattern]) => pattern.test(model))?.[1] ?? UNKNOWN_MODEL_MIN_CACHEABLE;
}

/** The most `cache_control` breakpoints one request may carry; a fifth is a 400. */
export const MAX_CACHE_BREAKPOINTS = 4;
