"use client";

import { useT } from "@/lib/i18n/client";
import { PromptDiff } from "@/components/studio/prompt-diff";
import type { RevisionPreview as Preview } from "@/lib/store/steering-store";
import { useSteering } from "@/components/studio/studio-context";
import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";

/** The revision before it renders: what changes against the current prompt, still editable. */
export function RevisionPreview({ preview, busy, onRender }: { preview: Preview; busy: boolean; onRender: () => void }) {
  const t = useT();
  const setPreview = useSteering((s) => s.setPreview);
  return (
    <div role="group" aria-label={t("revision.label")} className="flex flex-col gap-2 rounded-lg border border-accent/40 bg-accent-soft/40 p-3">
      <h3 className="text-xs font-semibold text-muted">{t("revision.changes")}</h3>
      <div aria-label={t("revision.diff")} role="region" className="rounded-md bg-surface p-2">
        <PromptDiff before={preview.before} after={preview.prompt} />
      </div>
      <label htmlFor="revision-prompt" className="text-xs font-semibold text-muted">
        {t("revision.prompt")}
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
          {t("revision.render")}
          <span className="hidden opacity-80 sm:inline">
            <Kbd>⇧⌘↵</Kbd>
          </span>
        </Button>
        <Button className="h-10" disabled={busy} onClick={() => setPreview(null)}>
          {t("revision.discard")}
        </Button>
      </div>
    </div>
  );
}
