"use client";

import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

/** The Compare trigger; on its own so History can show it disabled without loading the dialog. */
export function CompareButton({ onClick, disabled }: { onClick?: () => void; disabled: boolean }) {
  const t = useT();
  return (
    <Button variant="ghost" onClick={onClick} disabled={disabled} className="h-7 px-2 text-xs" aria-haspopup="dialog">
      {t("compare.open")}
    </Button>
  );
}
