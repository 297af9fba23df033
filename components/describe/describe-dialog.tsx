"use client";

import { Dialog } from "@/components/ui/dialog";
import { useT } from "@/lib/i18n/client";
import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";
import { useStudioConfig, useStudioStore } from "@/components/studio/studio-context";
import { DescribeThread } from "./describe-thread";
import { DropZone, ProjectPicker, ThreadList } from "./describe-sources";
import { useDescribe } from "./use-describe";

/** Loaded when the dialog first opens (see DescribeButton). */
export function DescribeDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const { understanding } = useStudioConfig();
  const studio = useStudioStore();
  const describe = useDescribe({ open });
  const { threads, activeId, busy, error, notice } = describe;
  const active = threads.find((thread) => thread.id === activeId) ?? null;
  const working = busy !== null;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("describe.title")}
      description={understanding.kind === "claude" ? t("describe.intro") : t("describe.introOffline")}
      className="w-[min(920px,calc(100vw-2rem))]"
    >
      <div
        className="grid gap-5 md:grid-cols-[minmax(200px,250px)_1fr]"
        onPaste={(e) => {
          // A pasted image (a screenshot from the clipboard) is read like a chosen file; pasted text is left alone.
          const file = e.clipboardData.files[0];
          if (file && !working) {
            e.preventDefault();
            void describe.describeFile(file);
          }
        }}
      >
        <div className="flex flex-col gap-4">
          <DropZone disabled={working} onFile={(file) => void describe.describeFile(file)} />
          <ProjectPicker disabled={working} onPick={(source) => void describe.describePicked(source)} />
          <ThreadList threads={threads} activeId={activeId} onOpen={describe.setActiveId} />
        </div>
        <div className="flex min-w-0 flex-col gap-3">
          {error ? (
            <p role="alert" className="rounded-lg border border-bad/30 bg-bad/5 px-3 py-2 text-sm text-bad">
              {error}
            </p>
          ) : null}
          {notice ? (
            <p role="status" className="rounded-lg border border-line bg-surface px-3 py-2 text-sm">
              {notice}
            </p>
          ) : null}
          {busy === "starting" ? <p className="text-sm text-muted">{t("describe.uploading")}</p> : null}
          {active ? (
            <DescribeThread
              thread={active}
              streaming={describe.streaming}
              busy={working}
              onAsk={(question) => describe.ask(active, question)}
              onRetry={() => void describe.runTurn(active, null)}
              onUseDraft={(summary) => {
                studio.getState().setDraft(summary.slice(0, MAX_PROMPT_LENGTH));
                studio.getState().announce(t("describe.draftUsed"));
                onOpenChange(false);
              }}
              onUseReference={() => void describe.useAsReference(active)}
            />
          ) : busy === null ? (
            <p className="text-sm text-muted">{t("describe.empty")}</p>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}
