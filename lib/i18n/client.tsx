"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo } from "react";
import { LOCALE_COOKIE, type Locale } from "./locales";
import { createTranslator, type Messages, type Translate } from "./translate";

type LocaleValue = { locale: Locale; t: Translate };

const LocaleContext = createContext<LocaleValue | null>(null);

/**
 * The locale the server rendered with and its dictionary, passed as props so the browser gets
 * the active language only; switching re-renders the server side with the other one.
 */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: createTranslator({ locale, messages }) }), [locale, messages]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

function useLocaleValue(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error("useT/useLocale need an I18nBoundary above the component.");
  return value;
}

export function useLocale(): Locale {
  return useLocaleValue().locale;
}

export function useT(): Translate {
  return useLocaleValue().t;
}

/**
 * Remembers the choice in a cookie for a year and re-renders the server components with it,
 * so the next request — and a reload — renders in that language with no flash.
 */
export function useSetLocale(): (locale: Locale) => void {
  const router = useRouter();
  return useCallback(
    (locale: Locale) => {
      document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
      document.documentElement.lang = locale;
      router.refresh();
    },
    [router],
  );
}
