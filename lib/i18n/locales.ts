/** The UI languages Loupe speaks. Prompts work in any language; this is only the interface. */
export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** A preference, not a secret: readable by the page so the switch can write it without a round trip. */
export const LOCALE_COOKIE = "loupe-locale";

export const localeNames: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The first supported language in an Accept-Language header, by quality. Any Chinese tag
 * (zh, zh-CN, zh-Hans, zh-TW…) gets Simplified Chinese: the closest UI we have.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return defaultLocale;
}

/** What the understanding engines are told to write in. */
export function critiqueLanguage(locale: Locale): "en" | "zh" {
  return locale === "zh-CN" ? "zh" : "en";
}
