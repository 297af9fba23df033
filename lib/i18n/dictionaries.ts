import type { Locale } from "./locales";
import { en } from "./messages/en";
import { zhCN } from "./messages/zh-CN";
import { createTranslator, type Messages, type Translate } from "./translate";

// Server side only by use: client components get one dictionary through I18nProvider's props.
const dictionaries: Record<Locale, Messages> = { en, "zh-CN": zhCN };

export function messagesFor(locale: Locale): Messages {
  return dictionaries[locale];
}

// A translator is a pure function of its locale: one each, instead of one per request and component.
const translators = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = createTranslator({ locale, messages: messagesFor(locale) })));
  return t;
}
