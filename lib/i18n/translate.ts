import type { PublicError } from "@/lib/errors";
import { MAX_PROMPT_LENGTH } from "@/lib/schemas/prompt-text";
import type { Locale } from "./locales";
import type { MessageKey } from "./messages/en";

export type { MessageKey } from "./messages/en";
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;
/** One language's dictionary. The browser gets only the active one (see ./boundary.tsx), never both. */
export type Messages = Record<MessageKey, string>;

/**
 * The message for a key, with `{name}` filled in. Pure: used by server and client alike. A key
 * the dictionary lacks (only reachable through a cast) comes back as itself, which is how
 * `errorText` tells an unknown error code apart without shipping a second dictionary.
 */
export function createTranslator({ locale, messages }: { locale: Locale; messages: Messages }): Translate {
  const numbers = numberFormat(locale);
  return (key, vars) => {
    const text = Object.hasOwn(messages, key) ? messages[key] : key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = vars[name];
      if (value === undefined) return match;
      return typeof value === "number" ? numbers.format(value) : value;
    });
  };
}

/** A message with a count: `base.one` for exactly one, `base.other` otherwise. */
export function plural(t: Translate, base: PluralBase, count: number): string {
  return t(`${base}.${count === 1 ? "one" : "other"}` as MessageKey, { count });
}

type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

/**
 * What the designer reads for an error from the server. English keeps the server's own sentence
 * (it may say more than the code); other languages get the code's message unless the sentence is
 * already in that language, and an unknown
 * code falls back to the server's sentence rather than to nothing.
 */
export function errorText({ t, locale, error }: { t: Translate; locale: Locale; error: PublicError }): string {
  // English, or a sentence the browser already wrote in the UI language.
  if (locale === "en" || /\p{Script=Han}/u.test(error.message)) return error.message;
  const key = `error.${error.code}` as MessageKey;
  const text = t(key, { max: MAX_PROMPT_LENGTH });
  if (text === key) return error.message;
  const retry = error.retryAfterSeconds ? ` ${retryAfterText({ t, seconds: error.retryAfterSeconds })}` : "";
  return text + retry;
}

/** "Try again in 40 s", or in minutes or hours when the wait is long (a daily budget resets at midnight UTC). */
function retryAfterText({ t, seconds }: { t: Translate; seconds: number }): string {
  if (seconds < 90) return t("error.retryAfter", { seconds });
  if (seconds < 90 * 60) return t("error.retryAfterMinutes", { minutes: Math.ceil(seconds / 60) });
  return t("error.retryAfterHours", { hours: Math.ceil(seconds / 3600) });
}

/** Dates as the UI language writes them, in UTC so server and browser agree. */
export function formatDate({ locale, iso }: { locale: Locale; iso: string }): string {
  return dateFormat(locale).format(new Date(iso));
}

/*
 * Intl formatters are slow to build (a fraction of a millisecond each: the share page's profile
 * showed them among its top costs when every render built its own) and immutable once built,
 * so there is one per locale for the life of the process or page.
 */
const numberFormats = new Map<Locale, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

function dateFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })));
  return format;
}
