"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { useOpenedOnce } from "@/components/ui/modal";

// The dialog's code (upload, streaming, the conversation) waits until someone opens it.
const DescribeDialog = dynamic(() => import("./describe-dialog").then((m) => m.DescribeDialog));

/** "Describe" → a dialog where Claude (or the Offline engine) reads any image and answers questions about it. */
export function DescribeButton() {
  const [open, setOpen] = useState(false);
  const opened = useOpenedOnce(open);
  const t = useT();
  return (
    <>
      {/* Narrower on phones, where the header holds every control on one line. */}
      <Button onClick={() => setOpen(true)} aria-haspopup="dialog" className="max-sm:px-2.5">
        <ReadIcon />
        <span className="hidden sm:inline">{t("describe.button")}</span>
        <span className="sr-only sm:hidden">{t("describe.button")}</span>
      </Button>
      {opened ? <DescribeDialog open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}

function ReadIcon() {
  return (
    <svg aria-hidden="true" width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M7 9h6M7 13h10M7 17h4" />
    </svg>
  );
}
