"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { useOpenedOnce } from "@/components/ui/modal";

// The dialog's code (options, links list, share actions) waits until someone shares.
const ShareDialog = dynamic(() => import("./share-dialog").then((m) => m.ShareDialog));

/** "Share" → a modal dialog to make a read-only link to this iteration or its whole trail. */
export function ShareButton({ projectId, iterationId }: { projectId: string | null; iterationId: string | null }) {
  const [open, setOpen] = useState(false);
  const opened = useOpenedOnce(open);
  const canShare = projectId !== null && iterationId !== null;
  const t = useT();

  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={!canShare} title={canShare ? undefined : t("share.needImage")} aria-haspopup="dialog" className="max-sm:px-2.5">
        <ShareIcon />
        <span className="hidden min-[400px]:inline">{t("share.button")}</span>
        <span className="sr-only min-[400px]:hidden">{t("share.button")}</span>
      </Button>
      {opened ? <ShareDialog projectId={projectId} iterationId={iterationId} open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}

function ShareIcon() {
  return (
    <svg aria-hidden="true" width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M4 12v7a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-7" />
      <path d="M16 6l-4-4-4 4" />
      <path d="M12 2v13" />
    </svg>
  );
}
