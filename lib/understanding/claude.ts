import "server-only";
import Anthropic from "@anthropic-ai/sdk";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import type {
  ContentBlockParam,
  JSONOutputFormat,
  Message,
  MessageCreateParamsStreaming,
  TextBlockParam,
  Usage as ApiUsage,
} from "@anthropic-ai/sdk/resources/messages";
import { referenceDescriptionSchema, type ReferenceDescription } from "@/lib/schemas/reference";
import { LoupeError } from "@/lib/errors";
import { cacheShareOf, type Usage } from "@/lib/schemas/critique";
import { normalisePrompt } from "@/lib/schemas/prompt";
import { prepareImageForClaude } from "./claude-image";
import { validDraft } from "./draft";
import { toClaudeError } from "./claude-errors";
import { critiqueOutputFormat, parseCritiqueAnswer } from "./critique-output";
import {
  CRITIQUE_SYSTEM_PROMPT,
  DESCRIBE_SYSTEM_PROMPT,
  REFINE_SYSTEM_PROMPT,
  REVISE_SYSTEM_PROMPT,
  critiqueUserMessage,
  referenceUserMessage,
  refineUserMessage,
  reviseUserMessage,
} from "./prompts";
import { editCritiqueParts } from "./edit/claude-edit";
import { claudeVideoMethods } from "./video/claude-video";
import { imageConversation } from "./image-talk/conversation";
import { IMAGE_TALK_SYSTEM_PROMPT } from "./image-talk/prompts";
import { acceptedIssues, hasEditedFixes, type CritiqueInput, type ReviseInput, type ReviseOutput, type UnderstandingEngine } from "./types";
import { cachedRequest, notesBlock } from "./caching/prefix";
import { calibrate } from "./caching/calibrate";
import { claudeExploreMethods } from "./explore/claude-explore";
import { STANDARD_THINKING, thinkingParams, type CritiqueThinking } from "./thinking";
import { modelTarget } from "@/lib/schemas/model-notes";

export type ClaudeEngineOptions = {
  apiKey: string;
  baseURL?: string;
  /** `bearer` is the SDK's own `Authorization: Bearer`; `x-api-key` is for gateways that read only that header. */
  auth: "bearer" | "x-api-key";
  refineModel: string;
  critiqueModel: string;
  timeoutMs: number;
  /** The SDK retries 408/409/429/5xx itself; tests set 0 to see the first failure. */
  maxRetries?: number;
  /** LOUPE_CRITIQUE_THINKING: the critique's extended thinking (thinking.ts); standard when omitted. */
  critiqueThinking?: CritiqueThinking;
  /** Start count_tokens calibration of both models in the background (caching/calibrate.ts). */
  calibrate?: boolean;
};

export const REFINE_MAX_TOKENS = 1024;
export const CRITIQUE_MAX_TOKENS = 4096;
export const REVISE_MAX_TOKENS = 1024;
export const DESCRIBE_MAX_TOKENS = 1024;
/** A summary with every line of a text-heavy image quoted needs room; follow-ups are shorter. */
export const IMAGE_TALK_MAX_TOKENS = 2048;

const describeOutputFormat: JSONOutputFormat = { type: "json_schema", schema: zodOutputFormat(referenceDescriptionSchema).schema };

function parseDescribeAnswer(text: string): ReferenceDescription {
  try {
    return referenceDescriptionSchema.parse(JSON.parse(text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, "$1")));
  } catch (cause) {
    throw new LoupeError("claude_error", { cause, message: "Claude answered with something that is not a description." });
  }
}

/** The reference goes first, labelled, so Claude compares the render (the last image) against it. */
async function referenceContent(reference: NonNullable<CritiqueInput["reference"]>): Promise<ContentBlockParam[]> {
  const prepared = await prepareImageForClaude(reference.image);
  return [
    { type: "text", text: "Reference image:" },
    { type: "image", source: { type: "base64", media_type: prepared.mediaType, data: prepared.base64 } },
    { type: "text", text: referenceUserMessage(reference.description) },
  ];
}

export function createClaudeClient(options: Pick<ClaudeEngineOptions, "apiKey" | "baseURL" | "auth" | "timeoutMs" | "maxRetries">) {
  return new Anthropic({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 2,
    // The SDK puts the key in `Authorization: Bearer` (apiKeyAuth). Default headers are merged
    // after the auth headers, so a null here removes it and `x-api-key` carries the key instead.
    ...(options.auth === "x-api-key" ? { defaultHeaders: { "x-api-key": options.apiKey, authorization: null } } : {}),
  });
}

export function createClaudeEngine(options: ClaudeEngineOptions): UnderstandingEngine {
  const client = createClaudeClient(options);
  const { refineModel, critiqueModel } = options;
  const call = <T>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>) => bounded({ timeoutMs: options.timeoutMs, signal, run });

  const thinking = options.critiqueThinking ?? STANDARD_THINKING;
  if (options.calibrate) for (const model of new Set([refineModel, critiqueModel])) void calibrate({ client, model });

  return {
    info: { kind: "claude", label: "Claude", refineModel, critiqueModel, ...(thinking.depth === "deep" ? { critiqueThinkingBudget: thinking.budgetTokens } : {}) },
    ...claudeVideoMethods({ client, model: critiqueModel, call, cachedSystem, textOf, toUsage, assertCompleted }),

    async *refine({ draft, style, notes, signal }) {
      const cleanDraft = validDraft(draft);
      const { text, usage, stopReason } = yield* streamedText({
        client,
        timeoutMs: options.timeoutMs,
        callerSignal: signal,
        body: {
          model: refineModel,
          max_tokens: REFINE_MAX_TOKENS,
          ...cachedRequest({ task: REFINE_SYSTEM_PROMPT, notes: notesText(notes), volatile: [{ type: "text", text: refineUserMessage({ draft: cleanDraft, style }) }] }),
        },
      });
      yield { type: "done", prompt: finalPrompt({ text, stopReason }), usage, model: refineModel };
    },

    async *discussImage({ image, turns, question, language, signal }) {
      const prepared = await prepareImageForClaude(image);
      const { text, usage, stopReason } = yield* streamedText({
        client,
        timeoutMs: options.timeoutMs,
        callerSignal: signal,
        body: {
          model: critiqueModel,
          max_tokens: IMAGE_TALK_MAX_TOKENS,
          system: cachedSystem(IMAGE_TALK_SYSTEM_PROMPT),
          messages: imageConversation({ image: prepared, turns, question, language }),
        },
      });
      yield { type: "done", text: imageAnswer({ text, stopReason }), usage, model: critiqueModel };
    },

    async critique({ image, prompt, draft, previousAttempts, language, reference, style, notes, edit, references, signal, onStarted }) {
      const prepared = await prepareImageForClaude(image);
      const referenceBlocks = reference ? await referenceContent(reference) : [];
      // An edit's Before and Mask, a moodboard's references: labelled images in the same request (edit/claude-edit.ts).
      const extra = await editCritiqueParts({ edit, references });
      const userText = critiqueUserMessage({ prompt, draft, previousAttempts, language, style });
      const deeper = thinkingParams({ model: critiqueModel, thinking, maxTokens: CRITIQUE_MAX_TOKENS });
      const body = {
        model: critiqueModel,
        max_tokens: deeper.max_tokens,
        ...(deeper.thinking ? { thinking: deeper.thinking } : {}),
        ...cachedRequest({
          task: CRITIQUE_SYSTEM_PROMPT,
          references: referenceBlocks,
          notes: notesText(notes),
          volatile: [
            ...(extra ? [...extra.leading, extra.label] : []),
            { type: "image", source: { type: "base64", media_type: prepared.mediaType, data: prepared.base64 } },
            { type: "text", text: extra ? `${userText}\n\n${extra.note}` : userText },
          ],
        }),
        output_config: { format: extra?.format ?? critiqueOutputFormat, ...(deeper.effort ? { effort: deeper.effort } : {}) },
      } satisfies Omit<MessageCreateParamsStreaming, "stream">;
      const parse = (text: string) => (extra ? extra.parse(text) : parseCritiqueAnswer(text));
      if (onStarted) {
        // Streamed only to know when the answer has begun: its prompt is in the cache from then on.
        const answer = await drained(streamedText({ client, body, timeoutMs: options.timeoutMs, callerSignal: signal, onStart: onStarted }));
        assertCompleted({ stop_reason: answer.stopReason });
        return { critique: parse(answer.text), usage: answer.usage, model: critiqueModel };
      }
      const message = await call(signal, (signal) => client.messages.create(body, { signal }));
      assertCompleted(message);
      return { critique: parse(textOf(message)), usage: toUsage(message.usage), model: critiqueModel };
    },

    async describe({ image, signal }) {
      const prepared = await prepareImageForClaude(image);
      const message = await call(signal, (signal) =>
        client.messages.create(
          {
            model: critiqueModel,
            max_tokens: DESCRIBE_MAX_TOKENS,
            system: cachedSystem(DESCRIBE_SYSTEM_PROMPT),
            messages: [
              {
                role: "user",
                content: [
                  { type: "image", source: { type: "base64", media_type: prepared.mediaType, data: prepared.base64 } },
                  { type: "text", text: "Describe this reference image." },
                ],
              },
            ],
            output_config: { format: describeOutputFormat },
          },
          { signal },
        ),
      );
      assertCompleted(message);
      return { description: parseDescribeAnswer(textOf(message)), usage: toUsage(message.usage), model: critiqueModel };
    },

    revise,

    ...claudeExploreMethods({ client, refineModel, critiqueModel, call, textOf, toUsage, revise, referenceContent }),
  };

  async function revise(input: ReviseInput): Promise<ReviseOutput> {
    const shortcut = reviseWithoutCall({ ...input, critiqueModel, refineModel });
    if (shortcut) return shortcut;
    const message = await call(input.signal, (signal) =>
      client.messages.create(
        {
          model: refineModel,
          max_tokens: REVISE_MAX_TOKENS,
          ...cachedRequest({
            task: REVISE_SYSTEM_PROMPT,
            notes: notesText(input.notes),
            volatile: [
              {
                type: "text",
                text: reviseUserMessage({
                  prompt: input.prompt,
                  draft: input.draft,
                  issues: acceptedIssues(input),
                  note: input.note?.trim() || undefined,
                  style: input.style,
                }),
              },
            ],
          }),
        },
        { signal },
      ),
    );
    return {
      prompt: finalPrompt({ text: textOf(message), stopReason: message.stop_reason }),
      usage: toUsage(message.usage),
      model: refineModel,
    };
  }
}

/** The notes on the target model as the cached prefix carries them. */
function notesText(notes: ReviseInput["notes"]): string | undefined {
  return notes ? notesBlock({ target: modelTarget(notes), notes: notes.notes }) : undefined;
}

/**
 * Claude already wrote the next prompt with every fix applied; when the designer keeps all of
 * them and adds nothing, a second call would only cost time. Keeping none is a no-op.
 */
function reviseWithoutCall(input: ReviseInput & { critiqueModel: string; refineModel: string }) {
  const note = input.note?.trim();
  if (note || hasEditedFixes(input)) return undefined;
  const kept = acceptedIssues(input);
  const zero: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  if (kept.length === input.critique.issues.length) {
    return { prompt: input.critique.revisedPrompt, usage: zero, model: input.critiqueModel };
  }
  if (kept.length === 0) return { prompt: input.prompt, usage: zero, model: input.refineModel };
  return undefined;
}

/**
 * Streams one text answer: yields its deltas as they arrive and returns the whole text, its
 * usage and why it stopped. The whole stream, not only its start, stays within the call's time.
 */
async function* streamedText({
  client,
  body,
  timeoutMs,
  callerSignal,
  onStart,
}: {
  client: Anthropic;
  body: Omit<MessageCreateParamsStreaming, "stream">;
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
  /** Called once, when the answer begins (message_start). */
  onStart?: () => void;
}): AsyncGenerator<{ type: "delta"; text: string }, { text: string; usage: Usage; stopReason: string | null }> {
  const { signal, failure } = callWindow({ timeoutMs, callerSignal });
  let text = "";
  let usage: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  let stopReason: string | null = null;
  try {
    const stream = await client.messages.create({ ...body, stream: true }, { signal });
    for await (const event of stream) {
      if (event.type === "message_start") {
        usage = toUsage(event.message.usage);
        onStart?.();
      }
      else if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
        text += event.delta.text;
        yield { type: "delta", text: event.delta.text };
      } else if (event.type === "message_delta") {
        usage = mergeDeltaUsage(usage, event.usage);
        stopReason = event.delta.stop_reason;
      }
    }
  } catch (error) {
    throw failure(error);
  }
  return { text, usage, stopReason };
}

/** An answer about an image; a declined or empty one is an error the designer can read, a cut-off one says so. */
function imageAnswer({ text, stopReason }: { text: string; stopReason: string | null }): string {
  if (stopReason === "refusal") throw new LoupeError("claude_error", { message: "Claude declined to describe this image. Nothing was saved; try another image or question." });
  const answer = text.trim();
  if (!answer) throw new LoupeError("claude_error", { message: "Claude answered with nothing; try again." });
  return stopReason === "max_tokens" ? `${answer} …` : answer;
}

/** The fixed system prompt is the cacheable prefix of every call. */
export function cachedSystem(text: string): TextBlockParam[] {
  return [{ type: "text", text, cache_control: { type: "ephemeral" } }];
}

/**
 * One Claude call's signal: `timeoutMs` for the whole call, retries included (the SDK's own
 * timeout is per attempt), joined with the caller's signal (the action's deadline). `failure`
 * says what an error means: only our own timeout reads as claude_timeout; the caller's abort
 * passes through for the caller to explain.
 */
function callWindow({ timeoutMs, callerSignal }: { timeoutMs: number; callerSignal: AbortSignal | undefined }) {
  const timeout = AbortSignal.timeout(timeoutMs);
  return {
    signal: callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout,
    failure: (error: unknown) => (timeout.aborted && !callerSignal?.aborted ? timeoutError(error) : toClaudeError(error)),
  };
}

async function bounded<T>(input: { timeoutMs: number; signal: AbortSignal | undefined; run: (signal: AbortSignal) => Promise<T> }): Promise<T> {
  const { signal, failure } = callWindow({ timeoutMs: input.timeoutMs, callerSignal: input.signal });
  try {
    return await input.run(signal);
  } catch (error) {
    throw failure(error);
  }
}

function timeoutError(cause: unknown): LoupeError {
  return cause instanceof LoupeError ? cause : new LoupeError("claude_timeout", { cause, retryable: true });
}

export function textOf(message: Message): string {
  return message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
}

export function assertCompleted(message: { stop_reason: string | null }) {
  if (message.stop_reason === "refusal") {
    throw new LoupeError("claude_error", { message: "Claude declined to critique this image." });
  }
  if (message.stop_reason === "max_tokens") {
    throw new LoupeError("claude_error", { message: "Claude's critique was cut off; try again." });
  }
}

/** Claude sometimes wraps a prompt in quotes or a code fence despite being told not to. */
function finalPrompt({ text, stopReason }: { text: string; stopReason: string | null }): string {
  if (stopReason === "refusal") throw new LoupeError("claude_error", { message: "Claude declined to write this prompt." });
  const unwrapped = text
    .trim()
    .replace(/^```[a-z]*\s*([\s\S]*?)\s*```$/i, "$1")
    .replace(/^(["“])([\s\S]*)(["”])$/, (whole, _open, inner: string) => (/["“”]/.test(inner) ? whole : inner));
  const prompt = normalisePrompt(unwrapped);
  if (!prompt) throw new LoupeError("claude_error", { message: "Claude answered with an empty prompt." });
  return prompt;
}

export function toUsage(
  usage: Pick<ApiUsage, "input_tokens" | "output_tokens" | "cache_read_input_tokens" | "cache_creation_input_tokens"> & { output_tokens_details?: ApiUsage["output_tokens_details"] },
): Usage {
  const cached = usage.cache_read_input_tokens ?? 0;
  const written = usage.cache_creation_input_tokens ?? 0;
  // The API counts cache reads and writes apart from `input_tokens`; the designer pays for all three.
  const inputTokens = usage.input_tokens + cached + written;
  const thinking = usage.output_tokens_details?.thinking_tokens ?? 0;
  return {
    inputTokens,
    outputTokens: usage.output_tokens,
    cachedTokens: cached,
    cacheWriteTokens: written,
    ...(thinking > 0 ? { thinkingTokens: thinking } : {}),
    cacheShare: cacheShareOf({ inputTokens, cachedTokens: cached }),
  };
}

function mergeDeltaUsage(
  usage: Usage,
  delta: {
    output_tokens: number;
    input_tokens?: number | null;
    cache_read_input_tokens?: number | null;
    cache_creation_input_tokens?: number | null;
    output_tokens_details?: ApiUsage["output_tokens_details"];
  },
): Usage {
  // message_delta usage is cumulative; input figures are present only when the server restates them.
  const thinking = delta.output_tokens_details?.thinking_tokens ?? 0;
  if (delta.input_tokens == null) return { ...usage, outputTokens: delta.output_tokens, ...(thinking > 0 ? { thinkingTokens: thinking } : {}) };
  return toUsage({
    input_tokens: delta.input_tokens,
    output_tokens: delta.output_tokens,
    cache_read_input_tokens: delta.cache_read_input_tokens ?? null,
    cache_creation_input_tokens: delta.cache_creation_input_tokens ?? null,
    output_tokens_details: delta.output_tokens_details ?? null,
  });
}

/** Runs a streamed answer to its end without a reader for its deltas. */
async function drained<R>(stream: AsyncGenerator<unknown, R>): Promise<R> {
  for (;;) {
    const step = await stream.next();
    if (step.done) return step.value;
  }
}
