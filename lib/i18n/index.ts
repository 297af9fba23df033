export { critiqueLanguage, defaultLocale, isLocale, LOCALE_COOKIE, localeNames, locales, negotiateLocale, type Locale } from "./locales";
export { errorText, formatDate, plural, translator, type MessageKey, type Translate, type Vars } from "./translate";
