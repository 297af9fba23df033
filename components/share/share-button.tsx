"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ShareScope } from "@/lib/db/schema";
import { shareExpiryDays, type ShareExpiryDays } from "@/lib/share/options";
import { formatDate, ShareLinkList } from "./share-link-list";
import { useShareLinks, type CreatedLink } from "./use-share-links";

/**
 * "Share" → a modal dialog to make a read-only link to this iteration or its whole trail.
 * The native <dialog> with showModal() gives the focus trap, Escape and the inert page for free.
 */
export function ShareButton({ projectId, iterationId }: { projectId: string | null; iterationId: string | null }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const links = useShareLinks({ projectId, iterationId });
  const canShare = projectId !== null && iterationId !== null;

  const open = () => {
    links.setMessage(null);
    links.refresh();
    dialogRef.current?.showModal();
    firstFieldRef.current?.focus();
  };

  return (
    <>
      <Button onClick={open} disabled={!canShare} title={canShare ? undefined : "Render an image first, then share it."}>
        <ShareIcon />
        Share
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        // A click on the backdrop lands on the dialog element itself.
        onClick={(event) => event.target === dialogRef.current && dialogRef.current.close()}
        onKeyDown={keepTabInside}
        className="m-auto w-[min(92vw,500px)] rounded-card border border-line bg-surface p-0 text-ink shadow-card backdrop:bg-ink/40 backdrop:backdrop-blur-[2px]"
      >
        <div className="flex flex-col gap-5 p-5">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h2 id={titleId} className="text-base font-semibold tracking-tight">
                Share
              </h2>
              <p className="mt-0.5 text-sm text-muted">A read-only link: the image, its prompt and critique — nothing else of this project.</p>
            </div>
            <Button variant="ghost" className="-mt-1 -mr-2 size-9 px-0" aria-label="Close" onClick={() => dialogRef.current?.close()}>
              <span aria-hidden="true" className="text-lg leading-none">
                ×
              </span>
            </Button>
          </div>
          <ShareOptions
            key={iterationId ?? "none"}
            firstFieldRef={firstFieldRef}
            pending={links.pending}
            hasLink={links.created !== null}
            onCreate={links.create}
          />
          {links.created ? <CreatedLinkPanel link={links.created} pending={links.pending} onRevoke={links.revoke} onCopied={links.setMessage} /> : null}
          <p role="status" aria-live="polite" className={`min-h-5 text-sm ${links.message?.tone === "error" ? "text-bad" : "text-muted"}`}>
            {links.message?.text}
          </p>
          <ShareLinkList links={links.links} pending={links.pending} onRevoke={links.revoke} />
        </div>
      </dialog>
    </>
  );
}

const focusable = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary";

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

function ShareOptions({
  firstFieldRef,
  pending,
  hasLink,
  onCreate,
}: {
  firstFieldRef: React.RefObject<HTMLInputElement | null>;
  pending: boolean;
  hasLink: boolean;
  onCreate: (choice: { scope: ShareScope; expiresInDays: ShareExpiryDays | null }) => void;
}) {
  const [scope, setScope] = useState<ShareScope>("iteration");
  const [expiry, setExpiry] = useState<ShareExpiryDays | null>(null);
  const expiryId = useId();
  const baseId = useId();
  const choices: Array<{ value: ShareScope; label: string; hint: string }> = [
    { value: "iteration", label: "This iteration", hint: "The image, its prompt and critique." },
    { value: "trail", label: "Whole trail", hint: "This iteration and every one that led to it." },
  ];

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        onCreate({ scope, expiresInDays: expiry });
      }}
    >
      <fieldset className="grid grid-cols-2 gap-2">
        <legend className="mb-1.5 text-xs font-semibold text-muted">What to share</legend>
        {choices.map((choice, i) => (
          // The whole card is clickable; the radio's name is the label alone, the hint is its description.
          <label
            key={choice.value}
            className="flex cursor-pointer flex-col gap-0.5 rounded-lg border border-line bg-paper/60 p-3 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft/60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus"
          >
            <span className="flex items-center gap-2 font-medium">
              <input
                ref={i === 0 ? firstFieldRef : undefined}
                type="radio"
                name="scope"
                value={choice.value}
                checked={scope === choice.value}
                onChange={() => setScope(choice.value)}
                aria-labelledby={`${baseId}-${choice.value}`}
                aria-describedby={`${baseId}-${choice.value}-hint`}
                className="accent-accent focus-visible:outline-none"
              />
              <span id={`${baseId}-${choice.value}`}>{choice.label}</span>
            </span>
            <span id={`${baseId}-${choice.value}-hint`} className="pl-5 text-xs text-muted">
              {choice.hint}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex items-end gap-3">
        <div className="flex flex-1 flex-col gap-1.5">
          <label htmlFor={expiryId} className="text-xs font-semibold text-muted">
            Link expires
          </label>
          <select
            id={expiryId}
            value={expiry ?? "never"}
            onChange={(e) => setExpiry(e.target.value === "never" ? null : (Number(e.target.value) as ShareExpiryDays))}
            className="h-9 rounded-lg border border-line bg-surface px-2.5 text-sm"
          >
            <option value="never">Never</option>
            {shareExpiryDays.map((d) => (
              <option key={d} value={d}>
                After {d} {d === 1 ? "day" : "days"}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="primary" disabled={pending}>
          {hasLink ? "Create another link" : "Create link"}
        </Button>
      </div>
    </form>
  );
}

function CreatedLinkPanel({
  link,
  pending,
  onRevoke,
  onCopied,
}: {
  link: CreatedLink;
  pending: boolean;
  onRevoke: (shareId: string) => void;
  onCopied: (message: { tone: "info" | "error"; text: string }) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const copy = async () => {
    inputRef.current?.select();
    try {
      await navigator.clipboard.writeText(link.url);
      onCopied({ tone: "info", text: "Link copied to the clipboard." });
    } catch {
      onCopied({ tone: "info", text: "The link is selected: press Ctrl+C (⌘C) to copy it." });
    }
  };

  return (
    <div className={`flex flex-col gap-2 rounded-lg border p-3 ${link.revoked ? "border-bad/40 bg-bad/5" : "border-line bg-sunken/60"}`}>
      <label htmlFor={inputId} className="text-xs font-semibold text-muted">
        Share link
      </label>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          readOnly
          value={link.url}
          aria-invalid={link.revoked || undefined}
          onFocus={(e) => e.currentTarget.select()}
          className={`h-9 min-w-0 flex-1 rounded-lg border border-line bg-surface px-2.5 font-mono text-xs ${link.revoked ? "text-muted line-through" : ""}`}
        />
        <Button onClick={copy} disabled={link.revoked}>
          Copy
        </Button>
      </div>
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-muted">
          {link.revoked ? (
            <strong className="font-semibold text-bad">Revoked — this link no longer opens.</strong>
          ) : (
            <>
              {link.scope === "trail" ? "Whole trail" : "This iteration"} ·{" "}
              {link.expiresAt ? `expires ${formatDate(link.expiresAt)}` : "never expires"} · shown only now
            </>
          )}
        </p>
        {link.revoked ? null : (
          <button
            type="button"
            disabled={pending}
            onClick={() => onRevoke(link.shareId)}
            className="h-8 shrink-0 rounded-lg px-2.5 text-sm font-medium text-bad transition hover:bg-bad/10 disabled:opacity-50"
          >
            Revoke link
          </button>
        )}
      </div>
    </div>
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
