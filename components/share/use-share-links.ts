"use client";

import { useCallback, useState, useTransition } from "react";
import { createShareAction, listSharesAction, revokeShareAction, type ShareSummary } from "@/app/(studio)/share-actions";
import type { ShareExpiryDays, ShareScope } from "@/lib/schemas/share";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";

/** The link made in this dialog. Its URL exists only here: the server keeps a hash of the token. */
export type CreatedLink = {
  shareId: string;
  url: string;
  scope: ShareScope;
  expiresAt: string | null;
  revoked: boolean;
  iterationId: string;
};

/** Creating, listing and revoking the project's share links, with one message for the status line. */
export function useShareLinks({ projectId, iterationId }: { projectId: string | null; iterationId: string | null }) {
  const [lastCreated, setCreated] = useState<CreatedLink | null>(null);
  // A link made for another iteration is not offered for this one.
  const created = lastCreated?.iterationId === iterationId ? lastCreated : null;
  const [links, setLinks] = useState<ShareSummary[]>([]);
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const t = useT();
  const locale = useLocale();

  const refresh = useCallback(() => {
    if (!projectId) return;
    startTransition(async () => {
      const result = await listSharesAction({ projectId });
      if (result.ok) setLinks(result.value);
    });
  }, [projectId]);

  const create = useCallback(
    ({ scope, expiresInDays }: { scope: ShareScope; expiresInDays: ShareExpiryDays | null }) => {
      if (!projectId || !iterationId) return;
      startTransition(async () => {
        const result = await createShareAction({ projectId, iterationId, scope, expiresInDays });
        if (!result.ok) return setMessage({ tone: "error", text: errorText({ t, locale, error: result.error }) });
        // An absolute URL, so the link works wherever it is pasted.
        const url = new URL(result.value.url, window.location.origin).toString();
        setCreated({ ...result.value, url, revoked: false, iterationId });
        setMessage({ tone: "info", text: t("share.madeLink") });
        const list = await listSharesAction({ projectId });
        if (list.ok) setLinks(list.value);
      });
    },
    [projectId, iterationId, t, locale],
  );

  const revoke = useCallback((shareId: string) => {
    startTransition(async () => {
      const result = await revokeShareAction({ shareId });
      if (!result.ok) return setMessage({ tone: "error", text: errorText({ t, locale, error: result.error }) });
      setLinks((prev) => prev.map((l) => (l.id === shareId ? result.value : l)));
      setCreated((prev) => (prev?.shareId === shareId ? { ...prev, revoked: true } : prev));
      setMessage({ tone: "info", text: t("share.didRevoke") });
    });
  }, [t, locale]);

  return { created, links, message, pending, refresh, create, revoke, setMessage };
}
