"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";
import type { ImageThreadView, ImageTurnView } from "@/lib/schemas/image-thread";
import { MAX_QUESTION_LENGTH } from "@/lib/schemas/describe-limits";
import { formatUsd } from "@/lib/studio/cost";
import { Button } from "@/components/ui/button";
import type { Streaming } from "./use-describe";

/**
 * One conversation about an image: the image, the Summary region (the summary, then each
 * question and its answer, the one being written streaming in), the question box, and what the
 * designer can do with the result.
 */
export function DescribeThread({
  thread,
  streaming,
  busy,
  onAsk,
  onRetry,
  onUseDraft,
  onUseReference,
}: {
  thread: ImageThreadView;
  streaming: Streaming | null;
  busy: boolean;
  onAsk: (question: string) => Promise<boolean>;
  onRetry: () => void;
  onUseDraft: (summary: string) => void;
  onUseReference: () => void;
}) {
  const t = useT();
  const [question, setQuestion] = useState("");
  const live = streaming?.threadId === thread.id ? streaming : null;
  const summary = thread.turns.find((turn) => turn.question === null);
  const region = useRef<HTMLElement>(null);
  // The newest answer is the one being read: keep it in view as it streams in.
  useEffect(() => {
    const el = region.current;
    if (el && thread.turns.length + (live ? 1 : 0) > 1) el.scrollTop = el.scrollHeight;
  }, [thread.turns.length, live, live?.text]);

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <div className="flex items-start gap-3">
        {thread.video ? (
          <video controls playsInline preload="metadata" poster={thread.url} aria-label={t("describe.clip")} className="h-28 w-48 shrink-0 rounded-md border border-line bg-ink object-contain">
            <source src={thread.video.url} type={thread.video.mediaType} />
          </video>
        ) : (
          <>
            {/* eslint-disable-next-line @next/next/no-img-element -- a stored, content-addressed rendition */}
            <img src={`${thread.url}?w=256`} alt={t("describe.image")} width={96} height={96} className="size-24 shrink-0 rounded-md border border-line object-contain" />
          </>
        )}
        <p className="text-2xs text-muted">
          {thread.fileName ? <span className="block truncate font-medium text-ink">{thread.fileName}</span> : null}
          {thread.width}×{thread.height}
          {thread.video ? ` · ${t("render.seconds", { n: Number(thread.video.durationSeconds.toFixed(1)) })}` : ""}
        </p>
      </div>
      {/* Focusable, so a long conversation can be scrolled from the keyboard. */}
      <section ref={region} tabIndex={0} role="region" aria-label={t("describe.summary")} aria-busy={live !== null} className="flex max-h-[46dvh] min-h-24 flex-col gap-3 overflow-y-auto rounded-lg border border-line bg-sunken/40 p-3 text-sm leading-relaxed focus-visible:outline-2 focus-visible:outline-focus">
        {thread.turns.map((turn) => (
          <Turn key={turn.id} turn={turn} />
        ))}
        {live ? (
          <div className="flex flex-col gap-1">
            {live.question !== null ? <Question text={live.question} /> : null}
            <p className="whitespace-pre-wrap">{live.text || <span className="text-muted">{live.question === null ? t("describe.reading") : t("describe.answering")}</span>}</p>
          </div>
        ) : null}
        {!live && !summary ? (
          <div className="flex flex-col items-start gap-2">
            <Button className="h-8 text-xs" onClick={onRetry} disabled={busy}>
              {t("describe.retry")}
            </Button>
          </div>
        ) : null}
      </section>
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void onAsk(question).then((asked) => asked && setQuestion(""));
        }}
      >
        <label htmlFor="describe-question" className="text-xs font-semibold text-muted">
          {t("describe.question")}
        </label>
        <div className="flex gap-2">
          <textarea
            id="describe-question"
            value={question}
            rows={2}
            // One over the limit, so a pasted long question gets the message instead of being cut silently.
            maxLength={MAX_QUESTION_LENGTH + 1}
            placeholder={t("describe.questionPlaceholder")}
            onChange={(e) => setQuestion(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            className="min-w-0 flex-1 resize-y rounded-lg border border-line bg-surface p-2 text-sm placeholder:text-muted/70 focus:border-focus focus:outline-none"
          />
          <Button type="submit" variant="primary" className="self-end" disabled={busy || !summary}>
            {t("describe.ask")}
          </Button>
        </div>
      </form>
      <div className="flex flex-wrap gap-2">
        <Button className="h-8 text-xs" disabled={busy || !summary} onClick={() => summary && onUseDraft(summary.answer)}>
          {t("describe.useDraft")}
        </Button>
        <Button className="h-8 text-xs" disabled={busy || !summary} onClick={onUseReference}>
          {t("describe.useReference")}
        </Button>
      </div>
    </div>
  );
}

function Question({ text }: { text: string }) {
  const t = useT();
  return (
    <p className="rounded-md bg-surface px-2 py-1 text-xs">
      <span className="font-semibold">{t("describe.you")}</span> {text}
    </p>
  );
}

function Turn({ turn }: { turn: ImageTurnView }) {
  const t = useT();
  const usd = formatUsd(turn.costUsd);
  return (
    <div className="flex flex-col gap-1">
      {turn.question !== null ? <Question text={turn.question} /> : null}
      <p className="whitespace-pre-wrap">{turn.answer}</p>
      <p className="text-2xs text-muted">
        {turn.engine === "claude"
          ? t("describe.turnClaude", { model: turn.model, input: turn.usage.inputTokens, output: turn.usage.outputTokens, cached: turn.usage.cachedTokens, usd })
          : t("describe.turnOffline", { usd })}
      </p>
    </div>
  );
}
