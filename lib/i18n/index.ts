export { critiqueLanguage, defaultLocale, isLocale, LOCALE_COOKIE, localeNames, locales, negotiateLocale, type Locale } from "./locales";
export { createTranslator, errorText, formatDate, plural, type MessageKey, type Messages, type Translate, type Vars } from "./translate";
