"use client";

import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";
import { Button } from "@/components/ui/button";
import { CjkFont } from "@/components/ui/cjk-font";
import { KeyHint } from "@/components/ui/kbd";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import { useStudio, useStudioConfig } from "./studio-context";
import { RenderRetry } from "./render-retry";
import { useStudioFlow } from "./use-studio-flow";

/** The draft and its refined, editable version: the two texts a designer shapes. */
export function PromptEditor() {
  const draft = useStudio((s) => s.draft);
  const refined = useStudio((s) => s.refinedPrompt);
  const stage = useStudio((s) => s.stage);
  const formError = useStudio((s) => s.formError);
  const setDraft = useStudio((s) => s.setDraft);
  const setRefinedPrompt = useStudio((s) => s.setRefinedPrompt);
  const { understanding } = useStudioConfig();
  const { refine } = useStudioFlow();
  const t = useT();
  const locale = useLocale();
  const busy = stage !== "idle";
  const over = draft.length > MAX_PROMPT_LENGTH;

  return (
    <section aria-labelledby="prompt-heading" className="flex flex-col gap-3">
      {/* Chinese typed into an English studio: fetch the CJK font then (the layout does it for the Chinese UI). */}
      <CjkFont text={draft + refined} />
      <div className="flex items-baseline justify-between">
        <h2 id="prompt-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
          {t("prompt.heading")}
        </h2>
        <span className={`text-2xs tabular-nums ${over ? "text-bad" : "text-muted"}`}>
          {t("prompt.count", { count: draft.length, max: MAX_PROMPT_LENGTH })}
        </span>
      </div>
      <label htmlFor="draft" className="sr-only">
        {t("prompt.label")}
      </label>
      <textarea
        id="draft"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        rows={4}
        placeholder={t("prompt.placeholder")}
        aria-invalid={formError?.code === "empty_prompt" || formError?.code === "prompt_too_long" || undefined}
        aria-describedby={formError ? "form-error" : undefined}
        className="w-full resize-y rounded-card border border-line bg-surface p-3 text-[15px] leading-relaxed shadow-card placeholder:text-muted/70 focus:border-focus focus:outline-none"
      />
      <div className="flex items-center gap-2">
        <Button onClick={refine} disabled={busy} aria-keyshortcuts="R">
          <SparkIcon />
          {t("prompt.refine")}
        </Button>
        <span className="text-xs text-muted">
          {understanding.label === "Claude" ? t("prompt.withClaude", { model: understanding.refineModel }) : t("prompt.withOffline")}
          <KeyHint className="ml-2 hidden sm:inline">R</KeyHint>
        </span>
      </div>
      {formError ? (
        <p id="form-error" role="alert" className="rounded-lg border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad">
          {errorText({ t, locale, error: formError })}
        </p>
      ) : null}
      <RenderRetry />

      <div className="mt-2 flex items-baseline justify-between">
        <label htmlFor="refined" className="text-xs font-semibold tracking-wide text-muted uppercase">
          {t("prompt.refined")}
        </label>
        {stage === "refining" ? <span className="text-2xs text-accent-text">{t("prompt.streaming")}</span> : null}
      </div>
      <textarea
        id="refined"
        aria-label={t("prompt.refined")}
        value={refined}
        onChange={(e) => setRefinedPrompt(e.target.value)}
        readOnly={stage === "refining"}
        rows={7}
        placeholder={t("prompt.refinedPlaceholder")}
        className="w-full resize-y rounded-card border border-line bg-surface p-3 font-mono text-[13px] leading-relaxed shadow-card placeholder:font-sans placeholder:text-muted/70 focus:border-focus focus:outline-none"
      />
    </section>
  );
}

function SparkIcon() {
  return (
    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="currentColor">
      <path d="M8 0l1.8 5.2L15 7l-5.2 1.8L8 14l-1.8-5.2L1 7l5.2-1.8z" />
    </svg>
  );
}
