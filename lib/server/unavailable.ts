import "server-only";
import { translator } from "@/lib/i18n/dictionaries";
import { isLocale, negotiateLocale } from "@/lib/i18n/locales";
import { plainPage } from "./plain-page";

/**
 * The page a designer gets while the database does not answer: a 503 that says so in their
 * language, instead of the framework's bare 500 and a stack trace per request in the log.
 * Made by the proxy (lib/server/health.ts decides), before any page tries a query.
 */
export function databaseUnavailableResponse({ chosenLocale, acceptLanguage }: { chosenLocale: string | undefined; acceptLanguage: string | null }): Response {
  const locale = isLocale(chosenLocale) ? chosenLocale : negotiateLocale(acceptLanguage);
  const t = translator(locale);
  const html = plainPage({ lang: locale, title: t("unavailable.title"), code: t("unavailable.code"), heading: t("unavailable.heading"), body: t("unavailable.body"), cjk: locale === "zh-CN" });
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "30" },
  });
}
