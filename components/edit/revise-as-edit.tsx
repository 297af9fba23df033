"use client";

import { useId } from "react";
import { useT } from "@/lib/i18n/client";
import { useReferences } from "@/components/studio/studio-context";

/** Apply revision as an edit of the critiqued image: the composition stays, the critique's changes are made. */
export function ReviseAsEdit({ disabled }: { disabled: boolean }) {
  const t = useT();
  const id = useId();
  const on = useReferences((s) => s.reviseAsEdit);
  const set = useReferences((s) => s.setReviseAsEdit);
  // Named by its title alone: the hint inside the label would otherwise join the contract name.
  return (
    <label className="flex items-start gap-2 text-xs">
      <input
        type="checkbox"
        className="mt-0.5 accent-accent"
        checked={on}
        disabled={disabled}
        onChange={(e) => set(e.target.checked)}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
      />
      <span>
        <span id={`${id}-label`} className="font-medium">
          {t("edit.asEdit")}
        </span>
        <span id={`${id}-hint`} className="block text-muted">
          {t("edit.asEditHint")}
        </span>
      </span>
    </label>
  );
}
