import { describe, expect, it } from "vitest";
import { imageConversation } from "./conversation";
import { IMAGE_TALK_SYSTEM_PROMPT, questionMessage, summaryRequest } from "./prompts";

const image = { base64: "aGVsbG8=", mediaType: "image/png" as const };
const summary = { question: null, answer: "What it is: a bar chart.", language: "en" as const };

describe("the summary prompt", () => {
  it("asks for every key of an image the brief names, text verbatim in its own language", () => {
    for (const part of ["What it is", "verbatim", "own language", "Numbers", "Subjects", "Layout", "Style"]) expect(IMAGE_TALK_SYSTEM_PROMPT).toContain(part);
    expect(IMAGE_TALK_SYSTEM_PROMPT).toMatch(/never translated inside the quotes/);
  });

  it("names the UI language in the message, not in the cached system prompt", () => {
    expect(summaryRequest("en")).toContain("Write in English");
    expect(summaryRequest("zh")).toContain("Write in Simplified Chinese");
    expect(IMAGE_TALK_SYSTEM_PROMPT).not.toMatch(/Write in (English|Simplified Chinese)/);
  });

  it("answers a question in its own language when it is written in another", () => {
    const message = questionMessage({ question: "第四季度是多少？", language: "en" });
    expect(message).toContain("<question>\n第四季度是多少？\n</question>");
    expect(message).toContain("unless the question is written in another language");
  });
});

describe("the conversation about an image", () => {
  it("starts with the image and the summary request, marked as a cache breakpoint", () => {
    const messages = imageConversation({ image, turns: [], question: null, language: "zh" });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toEqual({
      role: "user",
      content: [
        { type: "image", source: { type: "base64", media_type: "image/png", data: "aGVsbG8=" } },
        { type: "text", text: summaryRequest("zh"), cache_control: { type: "ephemeral" } },
      ],
    });
  });

  it("sends every earlier turn back as it was first sent, the image first, and the new question last with a breakpoint", () => {
    const turns = [summary, { question: "Which is highest?", answer: "Q4, 410.", language: "zh" as const }];
    const messages = imageConversation({ image, turns, question: "And the lowest?", language: "en" });
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    // The first message is byte-identical to the summary's, so the cache the summary wrote is read.
    expect(messages[0]).toEqual(imageConversation({ image, turns: [], question: null, language: "en" })[0]);
    expect(messages[1]).toEqual({ role: "assistant", content: summary.answer });
    expect(messages[2]).toEqual({ role: "user", content: [{ type: "text", text: questionMessage({ question: "Which is highest?", language: "zh" }) }] });
    expect(messages[4]).toEqual({
      role: "user",
      content: [{ type: "text", text: questionMessage({ question: "And the lowest?", language: "en" }), cache_control: { type: "ephemeral" } }],
    });
    const breakpoints = JSON.stringify(messages).match(/cache_control/g) ?? [];
    expect(breakpoints).toHaveLength(2);
  });

  it("refuses a conversation out of order", () => {
    expect(() => imageConversation({ image, turns: [], question: "Too early?", language: "en" })).toThrow(/after the summary/);
    expect(() => imageConversation({ image, turns: [summary], question: null, language: "en" })).toThrow(/already written/);
  });
});
