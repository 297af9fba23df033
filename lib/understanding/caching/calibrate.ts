import "server-only";
import type Anthropic from "@anthropic-ai/sdk";
import { HANDBOOK, HANDBOOK_VERSION } from "./handbook";
import { minCacheableTokens } from "@/lib/schemas/claude-cache-minimums";
import { textTokens } from "@/lib/schemas/claude-image-tokens";

/**
 * Token counts from the API's own counter instead of guesses. Once per model and handbook
 * version, `messages.countTokens` counts the handbook (a request with it, less the same request
 * without it); that gives the handbook's exact size and the model's characters per token on
 * Loupe's prose, which then prices every other text. A gateway without count_tokens (or a
 * failure) leaves the pessimistic fallback of 3 characters a token, and is asked again later.
 */
export type Calibration = {
  model: string;
  version: string;
  handbookTokens: number;
  charsPerToken: number;
  source: "count_tokens" | "fallback";
  at: number;
};

export const FALLBACK_CHARS_PER_TOKEN = 3;
/** A failed calibration is retried after this long; a good one is kept for the process's life. */
const RETRY_AFTER_MS = 10 * 60_000;

const results = new Map<string, Calibration>();
const pending = new Map<string, Promise<Calibration>>();
const keyOf = (model: string) => `${model}|${HANDBOOK_VERSION}`;

/** The latest calibration of a model, if one has finished (synchronous, for estimates). */
export function calibrationFor(model: string): Calibration | undefined {
  return results.get(keyOf(model));
}

export async function calibrate({ client, model }: { client: Pick<Anthropic, "messages">; model: string }): Promise<Calibration> {
  const key = keyOf(model);
  const known = results.get(key);
  if (known && (known.source === "count_tokens" || Date.now() - known.at < RETRY_AFTER_MS)) return known;
  const running = pending.get(key);
  if (running) return running;
  const work = count({ client, model })
    .catch(() => fallback(model))
    .then((result) => {
      results.set(key, result);
      pending.delete(key);
      return result;
    });
  pending.set(key, work);
  return work;
}

async function count({ client, model }: { client: Pick<Anthropic, "messages">; model: string }): Promise<Calibration> {
  const messages = [{ role: "user" as const, content: "Hello." }];
  const [withHandbook, bare] = await Promise.all([client.messages.countTokens({ model, system: [{ type: "text", text: HANDBOOK }], messages }), client.messages.countTokens({ model, messages })]);
  const handbookTokens = withHandbook.input_tokens - bare.input_tokens;
  if (!(handbookTokens > 0)) throw new Error(`count_tokens answered ${withHandbook.input_tokens} and ${bare.input_tokens}`);
  return { model, version: HANDBOOK_VERSION, handbookTokens, charsPerToken: HANDBOOK.length / handbookTokens, source: "count_tokens", at: Date.now() };
}

function fallback(model: string): Calibration {
  return { model, version: HANDBOOK_VERSION, handbookTokens: textTokens(HANDBOOK, FALLBACK_CHARS_PER_TOKEN), charsPerToken: FALLBACK_CHARS_PER_TOKEN, source: "fallback", at: Date.now() };
}

/** Text on this model, by its calibration (or the fallback). */
export function tokensOn({ model, text }: { model: string; text: string }): number {
  return textTokens(text, calibrationFor(model)?.charsPerToken ?? FALLBACK_CHARS_PER_TOKEN);
}

/** A count of characters of Latin-script text on this model (where only the length is known). */
export function tokensForChars({ model, chars }: { model: string; chars: number }): number {
  return Math.ceil(Math.max(0, chars) / (calibrationFor(model)?.charsPerToken ?? FALLBACK_CHARS_PER_TOKEN));
}

/** The stable prefix (handbook + task) of a call on a model, and whether the model will cache it. */
export function prefixOn({ model, task }: { model: string; task: string }): { tokens: number; minimum: number; cacheable: boolean } {
  const calibration = calibrationFor(model);
  const handbook = calibration?.handbookTokens ?? textTokens(HANDBOOK, FALLBACK_CHARS_PER_TOKEN);
  const tokens = handbook + tokensOn({ model, text: task });
  const minimum = minCacheableTokens(model);
  return { tokens, minimum, cacheable: tokens >= minimum };
}

/** Tests only: forget every calibration. */
export function forgetCalibrations() {
  results.clear();
  pending.clear();
}
