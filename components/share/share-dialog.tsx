"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { formatDate, plural } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { shareExpiryDays, type ShareExpiryDays, type ShareScope } from "@/lib/schemas/share";
import { ShareLinkList } from "./share-link-list";
import { useShareLinks, type CreatedLink } from "./use-share-links";

/**
 * The Share dialog's contents: loaded when Share is first pressed (see share-button.tsx), then
 * kept mounted, so a link made here stays on offer after closing and reopening.
 */
export function ShareDialog({
  projectId,
  iterationId,
  open,
  onOpenChange,
}: {
  projectId: string | null;
  iterationId: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const links = useShareLinks({ projectId, iterationId });
  const { setMessage, refresh } = links;
  const t = useT();

  // Each opening starts with a clean status line and the current list of links.
  useEffect(() => {
    if (!open) return;
    setMessage(null);
    refresh();
  }, [open, setMessage, refresh]);

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("share.title")}
      description={t("share.intro")}
      className="w-[min(92vw,500px)]"
      bodyClassName="flex flex-col gap-5 p-5"
    >
      <ShareOptions key={iterationId ?? "none"} pending={links.pending} hasLink={links.created !== null} onCreate={links.create} />
      {links.created ? <CreatedLinkPanel link={links.created} pending={links.pending} onRevoke={links.revoke} onCopied={links.setMessage} /> : null}
      <p role="status" aria-live="polite" className={`min-h-5 text-sm ${links.message?.tone === "error" ? "text-bad" : "text-muted"}`}>
        {links.message?.text}
      </p>
      <ShareLinkList links={links.links} pending={links.pending} onRevoke={links.revoke} />
    </Dialog>
  );
}

function ShareOptions({
  pending,
  hasLink,
  onCreate,
}: {
  pending: boolean;
  hasLink: boolean;
  onCreate: (choice: { scope: ShareScope; expiresInDays: ShareExpiryDays | null }) => void;
}) {
  const [scope, setScope] = useState<ShareScope>("iteration");
  const [expiry, setExpiry] = useState<ShareExpiryDays | null>(null);
  const expiryId = useId();
  const baseId = useId();
  const t = useT();
  const choices: Array<{ value: ShareScope; label: string; hint: string }> = [
    { value: "iteration", label: t("share.iteration"), hint: t("share.iterationHint") },
    { value: "trail", label: t("share.trail"), hint: t("share.trailHint") },
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
        <legend className="mb-1.5 text-xs font-semibold text-muted">{t("share.what")}</legend>
        {choices.map((choice, i) => (
          // The whole card is clickable; the radio's name is the label alone, the hint is its description.
          <label
            key={choice.value}
            className="flex cursor-pointer flex-col gap-0.5 rounded-lg border border-line bg-paper/60 p-3 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft/60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus"
          >
            <span className="flex items-center gap-2 font-medium">
              <input
                data-autofocus={i === 0 ? true : undefined}
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
            {t("share.expires")}
          </label>
          <select
            id={expiryId}
            value={expiry ?? "never"}
            onChange={(e) => setExpiry(e.target.value === "never" ? null : (Number(e.target.value) as ShareExpiryDays))}
            className="h-9 rounded-lg border border-line bg-surface px-2.5 text-sm"
          >
            <option value="never">{t("share.never")}</option>
            {shareExpiryDays.map((d) => (
              <option key={d} value={d}>
                {plural(t, "share.afterDays", d)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="primary" disabled={pending}>
          {hasLink ? t("share.createAnother") : t("share.create")}
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
  const t = useT();
  const locale = useLocale();

  const copy = async () => {
    inputRef.current?.select();
    try {
      await navigator.clipboard.writeText(link.url);
      onCopied({ tone: "info", text: t("share.copied") });
    } catch {
      onCopied({ tone: "info", text: t("share.copyManually") });
    }
  };

  return (
    <div className={`flex flex-col gap-2 rounded-lg border p-3 ${link.revoked ? "border-bad/40 bg-bad/5" : "border-line bg-sunken/60"}`}>
      <label htmlFor={inputId} className="text-xs font-semibold text-muted">
        {t("share.link")}
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
          {t("share.copy")}
        </Button>
      </div>
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-muted">
          {link.revoked ? (
            <strong className="font-semibold text-bad">{t("share.revoked")}</strong>
          ) : (
            <>
              {link.scope === "trail" ? t("share.trail") : t("share.iteration")} ·{" "}
              {link.expiresAt ? t("share.expiresOn", { date: formatDate({ locale, iso: link.expiresAt }) }) : t("share.neverExpires")} · {t("share.shownOnce")}
            </>
          )}
        </p>
        {link.revoked ? null : (
          <button
            type="button"
            disabled={pending}
            onClick={() => onRevoke(link.shareId)}
            className="h-8 shrink-0 rounded-lg px-2.5 text-sm font-medium text-bad transition-colors hover:bg-bad/10 disabled:opacity-50"
          >
            {t("share.revokeLink")}
          </button>
        )}
      </div>
    </div>
  );
}
