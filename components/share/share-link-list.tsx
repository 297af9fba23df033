"use client";

import type { ShareSummary } from "@/app/(studio)/share-actions";
import { formatDate, type Locale, type Translate } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";

/**
 * The project's links, newest first. Their URLs cannot be shown again (only a hash is kept),
 * but each can still be revoked from here.
 */
export function ShareLinkList({
  links,
  pending,
  onRevoke,
}: {
  links: ShareSummary[];
  pending: boolean;
  onRevoke: (shareId: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  if (links.length === 0) return null;
  const date = (iso: string) => formatDate({ locale, iso });
  const active = links.filter((l) => l.active).length;
  return (
    <details className="group border-t border-line pt-3 text-sm">
      <summary className="cursor-pointer text-xs font-semibold text-muted hover:text-ink">
        {t("share.listSummary", { active, total: links.length })}
      </summary>
      <ul className="mt-2 flex max-h-56 flex-col divide-y divide-line overflow-y-auto">
        {links.map((link) => {
          const what = link.scope === "trail" ? t("share.trail") : t("share.iteration");
          return (
            <li key={link.id} className="flex items-center justify-between gap-3 py-2">
              <span className="flex min-w-0 flex-col">
                <span className="font-medium">{what}</span>
                <span className="text-xs text-muted">
                  {t("share.created", { date: date(link.createdAt) })} · {expiryText({ link, t, locale })}
                </span>
              </span>
              {link.active ? (
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => onRevoke(link.id)}
                  aria-label={t("share.revokeNamed", { what: what.toLowerCase(), date: date(link.createdAt) })}
                  className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-bad hover:bg-bad/10 disabled:opacity-50"
                >
                  {t("share.revoke")}
                </button>
              ) : (
                <span className="shrink-0 rounded-full border border-line px-2 py-0.5 text-2xs text-muted">
                  {link.revokedAt ? t("share.statusRevoked") : t("share.statusExpired")}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function expiryText({ link, t, locale }: { link: ShareSummary; t: Translate; locale: Locale }): string {
  if (link.revokedAt) return t("share.revokedOn", { date: formatDate({ locale, iso: link.revokedAt }) });
  if (!link.expiresAt) return t("share.neverExpires");
  return t(link.active ? "share.expiresOn" : "share.expiredOn", { date: formatDate({ locale, iso: link.expiresAt }) });
}
