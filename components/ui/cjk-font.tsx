import { hasCjk } from "@/lib/i18n/cjk-text";

/**
 * The Chinese font's stylesheet (lib/fonts/cjk.ts), for a page or a part of one that shows
 * Chinese: always, or only when `text` has Chinese in it. React hoists the link into <head> once,
 * however many times it is rendered (precedence), on the server and in the browser alike.
 */
export function CjkFont({ text }: { text?: string }) {
  if (text !== undefined && !hasCjk(text)) return null;
  // eslint-disable-next-line @next/next/no-css-tags -- a CSS import would put it on every page; this one is conditional
  return <link rel="stylesheet" href="/fonts/noto-sans-sc/stylesheet.css" precedence="default" />;
}
