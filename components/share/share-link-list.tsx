"use client";

import type { ShareSummary } from "@/app/(studio)/share-actions";

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
  if (links.length === 0) return null;
  const active = links.filter((l) => l.active).length;
  return (
    <details className="group border-t border-line pt-3 text-sm">
      <summary className="cursor-pointer text-xs font-semibold text-muted hover:text-ink">
        Links to this project · {active} active of {links.length}
      </summary>
      <ul className="mt-2 flex max-h-56 flex-col divide-y divide-line overflow-y-auto">
        {links.map((link) => {
          const what = link.scope === "trail" ? "Whole trail" : "This iteration";
          return (
            <li key={link.id} className="flex items-center justify-between gap-3 py-2">
              <span className="flex min-w-0 flex-col">
                <span className="font-medium">{what}</span>
                <span className="text-xs text-muted">
                  Created {formatDate(link.createdAt)} · {expiryText(link)}
                </span>
              </span>
              {link.active ? (
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => onRevoke(link.id)}
                  aria-label={`Revoke the ${what.toLowerCase()} link created ${formatDate(link.createdAt)}`}
                  className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-bad hover:bg-bad/10 disabled:opacity-50"
                >
                  Revoke
                </button>
              ) : (
                <span className="shrink-0 rounded-full border border-line px-2 py-0.5 text-2xs text-muted">
                  {link.revokedAt ? "Revoked" : "Expired"}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function expiryText(link: ShareSummary): string {
  if (link.revokedAt) return `revoked ${formatDate(link.revokedAt)}`;
  if (!link.expiresAt) return "never expires";
  return `${link.active ? "expires" : "expired"} ${formatDate(link.expiresAt)}`;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });
}
