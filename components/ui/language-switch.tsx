"use client";

import { useLocale, useSetLocale, useT } from "@/lib/i18n/client";
import { localeNames, locales } from "@/lib/i18n";

const short: Record<(typeof locales)[number], string> = { en: "EN", "zh-CN": "中文" };

/** Always in the header: each language named in itself, so anyone can find their own. */
export function LanguageSwitch() {
  const locale = useLocale();
  const setLocale = useSetLocale();
  const t = useT();
  return (
    <div role="group" aria-label={t("language.label")} className="flex shrink-0 rounded-lg border border-line bg-surface p-0.5">
      {locales.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          aria-label={localeNames[option]}
          onClick={() => option !== locale && setLocale(option)}
          className={`h-7 whitespace-nowrap rounded-md px-1.5 text-xs sm:min-w-9 sm:px-2 font-medium transition ${
            option === locale ? "bg-ink text-paper" : "text-muted hover:bg-sunken hover:text-ink"
          }`}
        >
          {short[option]}
        </button>
      ))}
    </div>
  );
}
