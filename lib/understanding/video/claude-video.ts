import "server-only";
import type Anthropic from "@anthropic-ai/sdk";
import type { ContentBlockParam, Message } from "@anthropic-ai/sdk/resources/messages";
import { prepareImageForClaude } from "../claude-image";
import type { UnderstandingEngine } from "../types";
import { parseVideoCritiqueAnswer, parseVideoDescriptionAnswer, videoCritiqueOutputFormat, videoDescriptionOutputFormat } from "./output";
import { describeVideoUserMessage, frameLabel, VIDEO_CRITIQUE_SYSTEM_PROMPT, VIDEO_DESCRIBE_SYSTEM_PROMPT, videoCritiqueUserMessage } from "./prompts";
import type { VideoEvidence } from "./read-video";

export const VIDEO_CRITIQUE_MAX_TOKENS = 4096;
export const DESCRIBE_VIDEO_MAX_TOKENS = 2048;

type Helpers = {
  client: Anthropic;
  model: string;
  /** The engine's bounded call: the whole call within its timeout, joined with the caller's signal. */
  call<T>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T>;
  cachedSystem(text: string): Anthropic.TextBlockParam[];
  textOf(message: Message): string;
  toUsage(usage: Message["usage"]): { inputTokens: number; outputTokens: number; cachedTokens: number };
  assertCompleted(message: Message): void;
};

/**
 * Every frame in one request, in order, each as an image block after a text block naming its
 * time mark: Claude compares neighbouring frames to judge motion, and cites the marks it saw.
 */
export async function frameContent(video: VideoEvidence): Promise<ContentBlockParam[]> {
  const blocks: ContentBlockParam[] = [];
  for (const [index, frame] of video.frames.entries()) {
    const prepared = await prepareImageForClaude({ bytes: frame.bytes, mediaType: frame.mediaType });
    blocks.push({ type: "text", text: frameLabel({ index, count: video.frames.length, label: frame.label, reason: frame.reason }) });
    blocks.push({ type: "image", source: { type: "base64", media_type: prepared.mediaType, data: prepared.base64 } });
  }
  return blocks;
}

/** The Claude engine's video methods, built on its client and helpers (claude.ts). */
export function claudeVideoMethods(helpers: Helpers): Pick<UnderstandingEngine, "critiqueVideo" | "describeVideo"> {
  const { client, model, call } = helpers;
  const ask = async (input: { system: string; content: ContentBlockParam[]; maxTokens: number; format: typeof videoCritiqueOutputFormat; signal?: AbortSignal }) => {
    const message = await call(input.signal, (signal) =>
      client.messages.create(
        { model, max_tokens: input.maxTokens, system: helpers.cachedSystem(input.system), messages: [{ role: "user", content: input.content }], output_config: { format: input.format } },
        { signal },
      ),
    );
    helpers.assertCompleted(message);
    return message;
  };
  return {
    async critiqueVideo({ video, prompt, draft, previousAttempts, language, signal }) {
      const content = [...(await frameContent(video)), { type: "text" as const, text: videoCritiqueUserMessage({ video, prompt, draft, previousAttempts, language }) }];
      const message = await ask({ system: VIDEO_CRITIQUE_SYSTEM_PROMPT, content, maxTokens: VIDEO_CRITIQUE_MAX_TOKENS, format: videoCritiqueOutputFormat, signal });
      return { critique: parseVideoCritiqueAnswer(helpers.textOf(message)), usage: helpers.toUsage(message.usage), model };
    },
    async describeVideo({ video, language, signal }) {
      const content = [...(await frameContent(video)), { type: "text" as const, text: describeVideoUserMessage({ video, language }) }];
      const message = await ask({ system: VIDEO_DESCRIBE_SYSTEM_PROMPT, content, maxTokens: DESCRIBE_VIDEO_MAX_TOKENS, format: videoDescriptionOutputFormat, signal });
      return { description: parseVideoDescriptionAnswer(helpers.textOf(message)), usage: helpers.toUsage(message.usage), model };
    },
  };
}
