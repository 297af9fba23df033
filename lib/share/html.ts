import "server-only";

/*
 * A few lines of HTML templating for pages rendered without React (the share page): every
 * interpolated value is escaped unless it is already markup made by `html`.
 */

/** Markup that is safe to put into a page as is: only `html` and `rawHtml` make it. */
export type Html = { readonly __html: string };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markup written by the program itself (a constant stylesheet, an inline SVG), never user text. */
export const rawHtml = (markup: string): Html => ({ __html: markup });

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (typeof value === "object") return (value as Html).__html;
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results, arrays of them and empties pass through. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return { __html: out };
}
