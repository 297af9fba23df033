"use client";

import { useCallback } from "react";
import { errorText } from "@/lib/i18n";
import { useLocale, useT } from "@/lib/i18n/client";
import { selectVariantAction } from "@/app/(studio)/variant-actions";
import { useStudioStore } from "./studio-context";

/** Cancel a render in flight, and choose which variant to continue from. */
export function useVariantFlow() {
  const store = useStudioStore();
  const t = useT();
  const locale = useLocale();

  const cancel = useCallback(async () => {
    const s = store.getState();
    if (s.stage !== "generating" || !s.renderKey) return;
    s.announce(t("announce.cancelling"));
    // A route, not the server action: the page's actions run one at a time, behind the render itself.
    const response = await fetch("/api/generation/cancel", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ idempotencyKey: s.renderKey }),
    }).catch(() => null);
    // The render itself answers with the cancelled iteration; this only reports a cancel that failed.
    if (!response?.ok) store.getState().announce(t("announce.cancelFailed"));
  }, [store, t]);

  const selectVariant = useCallback(
    async ({ iterationId, imageId }: { iterationId: string; imageId: string | null }) => {
      const result = await selectVariantAction({ iterationId, imageId });
      const after = store.getState();
      if (!result.ok) return after.announce(errorText({ t, locale, error: result.error }));
      after.upsertIteration(result.value);
      const index = result.value.images.findIndex((i) => i.id === imageId);
      after.announce(index >= 0 ? t("announce.continuingVariant", { n: index + 1 }) : t("announce.continuingBest"));
    },
    [store, t, locale],
  );

  return { cancel, selectVariant };
}
