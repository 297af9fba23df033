import "server-only";
import { I18nProvider } from "./client";
import { messagesFor } from "./dictionaries";
import { getLocale } from "./server";

/**
 * Wraps the pages that have client components (the studio, sign-in) with the active language's
 * dictionary. Read-only pages (share links) render with getTranslator() alone and ship none.
 */
export async function I18nBoundary({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <I18nProvider locale={locale} messages={messagesFor(locale)}>
      {children}
    </I18nProvider>
  );
}
