/**
 * The Anthropic fake's token counting and prompt cache, as the API charges them:
 *   - The prompt is, in order: the tools and the structured-output schema (the API turns the
 *     schema into a system prompt of its own), the system blocks, then every message block. Each
 *     block's tokens are estimated (text ≈ 4 characters a token, a Han character a token; an image
 *     w·h/750 at the size Claude reads it).
 *   - A block with `cache_control` is a breakpoint (four at most; `ttl` "5m" or "1h", and an
 *     hour-long one never after a 5-minute one). A cache entry is keyed by the exact prefix up to
 *     its breakpoint: model, tools and schema, every block before it byte for byte, and — for
 *     breakpoints inside the messages — the thinking setting.
 *   - A prefix shorter than the model's minimum (lib/understanding/caching/minimums.ts) is neither
 *     written nor read: cache_creation_input_tokens stays 0.
 *   - A request reads the longest live entry found at a breakpoint or up to 20 blocks before one,
 *     and writes every breakpoint past it that is long enough; a read renews the entry's lifetime.
 *   - Reads and writes are reported apart from `input_tokens`; count_tokens counts the same
 *     blocks, with no cache.
 */
import { createHash } from "node:crypto";
import { MAX_CACHE_BREAKPOINTS, minCacheableTokens } from "@/lib/schemas/claude-cache-minimums";
import { imageTokens } from "@/lib/schemas/claude-image-tokens";

export type CacheClock = () => number;

type Block = Record<string, unknown> & { type?: unknown };
export type CountableRequest = {
  model: string;
  messages: Array<{ role: string; content: string | Block[] }>;
  system?: string | Block[];
  tools?: unknown[];
  output_config?: { format?: unknown };
  thinking?: unknown;
};
export type ImageSize = { width: number; height: number };
export type CacheUsage = { input_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number; cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number } };

/** What the API adds to every request's count (the turn markers). */
const REQUEST_OVERHEAD_TOKENS = 8;
const LOOKBACK_BLOCKS = 20;
const TTL_MS = { "5m": 5 * 60_000, "1h": 60 * 60_000 } as const;

export function estimateTokens(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return Math.ceil((text.length - cjk) / 4) + cjk;
}

type PromptBlock = { key: string; tokens: number; ttl: keyof typeof TTL_MS | null };

/** The prompt's blocks in order with their token estimates; a string content counts as one text block. */
export function promptBlocks({ request, images }: { request: CountableRequest; images: readonly ImageSize[] }): PromptBlock[] {
  const queue = [...images];
  const out: PromptBlock[] = [];
  const prelude = { tools: request.tools ?? [], format: request.output_config?.format ?? null };
  if (prelude.tools.length > 0 || prelude.format) out.push({ key: `prelude:${JSON.stringify(prelude)}`, tokens: estimateTokens(JSON.stringify(prelude)), ttl: null });
  const add = (role: string, block: Block, extraKey = "") => {
    const { cache_control: cacheControl, ...content } = block;
    let tokens = typeof content.text === "string" ? estimateTokens(content.text) : 0;
    if (content.type === "image") {
      const image = queue.shift();
      tokens = image ? imageTokens(image) : 0;
    }
    const ttl = isRecord(cacheControl) && cacheControl.type === "ephemeral" ? ((cacheControl.ttl as keyof typeof TTL_MS | undefined) ?? "5m") : null;
    out.push({ key: `${extraKey}${role}:${JSON.stringify(content)}`, tokens, ttl });
  };
  const system = typeof request.system === "string" ? [{ type: "text", text: request.system }] : (request.system ?? []);
  for (const block of system) add("system", block);
  // Thinking settings are part of every message breakpoint's key, not of the system's.
  let thinkingKey = `thinking:${JSON.stringify(request.thinking ?? null)}|`;
  for (const message of request.messages) {
    const content = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    for (const block of content) {
      add(message.role, block, thinkingKey);
      thinkingKey = "";
    }
  }
  return out;
}

export function countTokens({ request, images }: { request: CountableRequest; images: readonly ImageSize[] }): number {
  return REQUEST_OVERHEAD_TOKENS + promptBlocks({ request, images }).reduce((sum, b) => sum + b.tokens, 0);
}

/** A request's cache_control problems, as the API words them; null when there are none. */
export function cacheControlProblem(request: CountableRequest): string | null {
  const marks: unknown[] = [];
  const collect = (blocks: unknown) => {
    if (!Array.isArray(blocks)) return;
    for (const block of blocks) if (isRecord(block) && block.cache_control !== undefined) marks.push(block.cache_control);
  };
  collect(request.system);
  for (const message of request.messages) collect(message.content);
  if (marks.length > MAX_CACHE_BREAKPOINTS) return `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${marks.length}.`;
  let sawShort = false;
  for (const mark of marks) {
    if (!isRecord(mark) || mark.type !== "ephemeral") return "cache_control.type: Input should be 'ephemeral'";
    const ttl = mark.ttl ?? "5m";
    if (ttl !== "5m" && ttl !== "1h") return "cache_control.ttl: Input should be '5m' or '1h'";
    if (ttl === "1h" && sawShort) return "cache_control: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block";
    if (ttl === "5m") sawShort = true;
  }
  return null;
}

export type PromptCache = {
  usageFor(input: { request: CountableRequest; images: readonly ImageSize[] }): CacheUsage;
  clear(): void;
  /** Live entries, for tests. */
  size(): number;
};

export function createPromptCache({ minCacheable, clock }: { minCacheable?: number; clock: CacheClock }): PromptCache {
  const entries = new Map<string, { expiresAt: number; ttlMs: number }>();
  const live = (hash: string, now: number) => {
    const entry = entries.get(hash);
    if (entry && entry.expiresAt <= now) entries.delete(hash);
    return entry !== undefined && entry.expiresAt > now;
  };
  return {
    clear: () => entries.clear(),
    size: () => [...entries.keys()].filter((hash) => live(hash, clock())).length,
    usageFor({ request, images }) {
      const now = clock();
      const blocks = promptBlocks({ request, images });
      const total = REQUEST_OVERHEAD_TOKENS + blocks.reduce((sum, b) => sum + b.tokens, 0);
      const hashes: string[] = [];
      const cumulative: number[] = [];
      blocks.forEach((block, i) => {
        hashes.push(createHash("sha256").update(`${hashes[i - 1] ?? request.model}\n${block.key}`).digest("hex"));
        cumulative.push((cumulative[i - 1] ?? 0) + block.tokens);
      });
      const breakpoints = blocks.flatMap((b, i) => (b.ttl ? [i] : []));
      let hit = -1;
      for (const b of breakpoints) {
        for (let j = b; j >= Math.max(0, b - LOOKBACK_BLOCKS); j--) {
          if (live(hashes[j]!, now)) {
            hit = Math.max(hit, j);
            break;
          }
        }
      }
      if (hit >= 0) {
        const entry = entries.get(hashes[hit]!)!;
        entry.expiresAt = now + entry.ttlMs;
      }
      const minimum = minCacheable ?? minCacheableTokens(request.model);
      const writable = breakpoints.filter((b) => b > hit && cumulative[b]! >= minimum);
      for (const b of writable) entries.set(hashes[b]!, { expiresAt: now + TTL_MS[blocks[b]!.ttl!], ttlMs: TTL_MS[blocks[b]!.ttl!] });
      const read = hit >= 0 ? cumulative[hit]! : 0;
      const last = writable.at(-1);
      const creation = last === undefined ? 0 : cumulative[last]! - read;
      // Hour-long breakpoints come first (cacheControlProblem), so the written tokens up to the last of them are hour-long.
      const lastHour = writable.filter((b) => blocks[b]!.ttl === "1h").at(-1);
      const hourLong = lastHour === undefined ? 0 : cumulative[lastHour]! - read;
      return {
        input_tokens: total - read - creation,
        cache_read_input_tokens: read,
        cache_creation_input_tokens: creation,
        cache_creation: { ephemeral_5m_input_tokens: creation - hourLong, ephemeral_1h_input_tokens: hourLong },
      };
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
