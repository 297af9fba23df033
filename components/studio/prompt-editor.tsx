"use client";

import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { useStudio, useStudioConfig } from "./studio-context";
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
  const busy = stage !== "idle";
  const over = draft.length > MAX_PROMPT_LENGTH;

  return (
    <section aria-labelledby="prompt-heading" className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between">
        <h2 id="prompt-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
          Draft
        </h2>
        <span className={`text-2xs tabular-nums ${over ? "text-bad" : "text-muted"}`}>
          {draft.length.toLocaleString("en-US")} / {MAX_PROMPT_LENGTH.toLocaleString("en-US")}
        </span>
      </div>
      <label htmlFor="draft" className="sr-only">
        Prompt
      </label>
      <textarea
        id="draft"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        rows={4}
        placeholder="A rough idea — e.g. a poster for a night jazz festival, deep blue and gold, headline “Blue Hour”"
        aria-invalid={formError?.code === "empty_prompt" || formError?.code === "prompt_too_long" || undefined}
        aria-describedby={formError ? "form-error" : undefined}
        className="w-full resize-y rounded-card border border-line bg-surface p-3 text-[15px] leading-relaxed shadow-card placeholder:text-muted/70 focus:border-focus focus:outline-none"
      />
      <div className="flex items-center gap-2">
        <Button onClick={refine} disabled={busy} aria-keyshortcuts="R">
          <SparkIcon />
          Refine
        </Button>
        <span className="text-xs text-muted">
          with {understanding.label === "Claude" ? `Claude · ${understanding.refineModel}` : "the Offline engine"}
          <span className="ml-2 hidden sm:inline">
            <Kbd>R</Kbd>
          </span>
        </span>
      </div>
      {formError ? (
        <p id="form-error" role="alert" className="rounded-lg border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad">
          {formError.message}
        </p>
      ) : null}

      <div className="mt-2 flex items-baseline justify-between">
        <label htmlFor="refined" className="text-xs font-semibold tracking-wide text-muted uppercase">
          Refined prompt
        </label>
        {stage === "refining" ? <span className="text-2xs text-accent">streaming…</span> : null}
      </div>
      <textarea
        id="refined"
        aria-label="Refined prompt"
        value={refined}
        onChange={(e) => setRefinedPrompt(e.target.value)}
        readOnly={stage === "refining"}
        rows={7}
        placeholder="Refine the draft, or write the exact prompt to render here."
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
