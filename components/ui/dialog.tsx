"use client";

import { useEffect, useId, useRef } from "react";
import { useT } from "@/lib/i18n/client";

/**
 * The one modal shell of the app, on the native <dialog>: showModal() makes the page inert and
 * gives Escape for free; this adds what it lacks — Tab wrapping inside, a click on the backdrop
 * to close, and focus returned to whatever opened it.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  toolbar,
  className = "w-[min(640px,calc(100vw-2rem))]",
  bodyClassName = "p-5",
  tone = "surface",
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Controls beside the title, before the close button. */
  toolbar?: React.ReactNode;
  className?: string;
  bodyClassName?: string;
  /** "dark" for image viewing: the picture, not the chrome, sets the colours. */
  tone?: "surface" | "dark";
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();
  const t = useT();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      // React's autoFocus fires before the dialog opens; a marked element is focused once it has.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const surface =
    tone === "dark"
      ? "border-white/10 bg-[#0b0a0d] text-[#f1efe9] backdrop:bg-black/80"
      : "border-line bg-surface text-ink backdrop:bg-ink/45 backdrop:backdrop-blur-[2px]";

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={() => {
        onOpenChange(false);
        // Native dialogs do not always return focus (not after a backdrop click), so do it here.
        const target = returnFocus.current;
        returnFocus.current = null;
        if (target?.isConnected) target.focus();
      }}
      // A click on the backdrop lands on the dialog element itself.
      onClick={(event) => event.target === ref.current && ref.current.close()}
      onKeyDown={keepTabInside}
      className={`m-auto max-h-[calc(100dvh-2rem)] overflow-hidden rounded-card border p-0 shadow-card ${surface} ${className}`}
    >
      {open ? (
        <div className="flex h-full max-h-[calc(100dvh-2rem)] flex-col">
          <div className={`flex flex-wrap items-center gap-3 border-b px-5 py-3 ${tone === "dark" ? "border-white/10" : "border-line"}`}>
            <div className="mr-auto min-w-0 flex-[1_1_12rem]">
              <h2 id={titleId} className="text-base font-semibold tracking-tight">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className={`mt-0.5 text-sm ${tone === "dark" ? "text-white/70" : "text-muted"}`}>
                  {description}
                </p>
              ) : null}
            </div>
            {toolbar}
            <button
              type="button"
              onClick={() => ref.current?.close()}
              aria-label={t("dialog.close")}
              className={`-mr-2 inline-flex size-9 items-center justify-center rounded-lg transition ${
                tone === "dark" ? "text-white/80 hover:bg-white/10 hover:text-white" : "text-muted hover:bg-sunken hover:text-ink"
              }`}
            >
              <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
                <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" />
              </svg>
            </button>
          </div>
          {/* Focusable, so a long body can be scrolled from the keyboard. */}
          <div tabIndex={0} className={`min-h-0 flex-1 overflow-y-auto focus-visible:-outline-offset-2 ${bodyClassName}`}>
            {children}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}

const focusable = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

/**
 * A modal <dialog> makes the page inert, but browsers still let Tab leave for their own UI;
 * wrapping around keeps keyboard users inside until they close it.
 */
function keepTabInside(event: React.KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(focusable)].filter(
    (el) => el.getClientRects().length > 0 && !(el instanceof HTMLInputElement && el.type === "radio" && !el.checked),
  );
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
