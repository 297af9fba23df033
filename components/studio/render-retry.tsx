"use client";

import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { useStudio } from "./studio-context";
import { useStudioFlow } from "./use-studio-flow";

/**
 * Retry for a render that failed or whose answer never arrived. It resends the same request
 * with the same idempotency key: the server answers with the first result if there was one,
 * or renders again on the same row — a double click or a reconnect never pays twice.
 */
export function RenderRetry() {
  const t = useT();
  const pending = useStudio((s) => s.retryRender);
  const error = useStudio((s) => s.formError);
  const idle = useStudio((s) => s.stage === "idle");
  const { retryRender } = useStudioFlow();
  if (!pending || !idle || !error?.retryable) return null;
  return (
    <div className="flex items-center gap-3">
      <Button onClick={() => void retryRender()} data-testid="retry-render" className="shrink-0 whitespace-nowrap">
        {t("prompt.retryRender")}
      </Button>
      <span className="text-xs text-muted">{t("prompt.retryRenderHint")}</span>
    </div>
  );
}
