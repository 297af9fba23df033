"use client";

import { PromptDiff } from "@/components/studio/prompt-diff";
import { useSteeringStore, type RevisionPreview as Preview } from "@/lib/store/steering-store";
import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";

/** The revision before it renders: what changes against the current prompt, still editable. */
export function RevisionPreview({ preview, busy, onRender }: { preview: Preview; busy: boolean; onRender: () => void }) {
  const setPreview = useSteeringStore((s) => s.setPreview);
  return (
    <div role="group" aria-label="Revision preview" className="flex flex-col gap-2 rounded-lg border border-accent/40 bg-accent-soft/40 p-3">
      <h3 className="text-xs font-semibold text-muted">Changes against the current prompt</h3>
      <div aria-label="Revised prompt diff" role="region" className="rounded-md bg-surface p-2">
        <PromptDiff before={preview.before} after={preview.prompt} />
      </div>
      <label htmlFor="revision-prompt" className="text-xs font-semibold text-muted">
        Revised prompt to render
      </label>
      <textarea
        id="revision-prompt"
        value={preview.prompt}
        maxLength={MAX_PROMPT_LENGTH}
        rows={6}
        onChange={(e) => setPreview({ ...preview, prompt: e.target.value })}
        className="w-full resize-y rounded-md border border-line bg-surface p-2 font-mono text-xs leading-relaxed focus:border-focus focus:outline-none"
      />
      <div className="flex gap-2">
        <Button
          variant="primary"
          className="h-10 flex-1"
          disabled={busy || !preview.prompt.trim()}
          onClick={onRender}
          aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
        >
          Render this
          <span className="hidden opacity-80 sm:inline">
            <Kbd>⇧⌘↵</Kbd>
          </span>
        </Button>
        <Button className="h-10" disabled={busy} onClick={() => setPreview(null)}>
          Discard
        </Button>
      </div>
    </div>
  );
}
