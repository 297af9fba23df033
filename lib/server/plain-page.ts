import "server-only";
import { CJK_FONT_BASE } from "@/lib/fonts/cjk";

/*
 * A self-contained page (no app CSS or JS) for answers the proxy makes before the app renders
 * anything: a revoked share link, a database that does not answer. Its look follows the studio's
 * paper-and-ink palette, light and dark.
 */

const CJK_STYLESHEET = `${CJK_FONT_BASE}/stylesheet.css`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `cjk`: the page is in Chinese, so it links the studio's own Noto Sans SC rules (served by
 * app/fonts, which needs no database): a machine without CJK fonts would otherwise show boxes.
 */
export function plainPage({ lang, title, code, heading, body, robots = false, cjk = false }: { lang: string; title: string; code: string; heading: string; body: string; robots?: boolean; cjk?: boolean }): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${robots ? "" : '<meta name="robots" content="noindex, nofollow">\n<meta name="referrer" content="no-referrer">\n'}<title>${escapeHtml(title)} · Loupe</title>
${cjk ? `<link rel="stylesheet" href="${CJK_STYLESHEET}">\n` : ""}<style>
  :root { color-scheme: light dark; --paper: #f5f3ee; --surface: #fffefb; --ink: #16151b; --muted: #5d5a66; --line: #dcd8ce; --accent: #d6401f; }
  @media (prefers-color-scheme: dark) { :root { --paper: #111014; --surface: #1a191f; --ink: #f1efe9; --muted: #a9a5b3; --line: #2e2c35; --accent: #ff7a52; } }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; background: var(--paper); color: var(--ink);
    font: 15px/1.55 ui-sans-serif, system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans SC", sans-serif; }
  main { max-width: 28rem; margin: 1.5rem; padding: 2rem; border: 1px solid var(--line); border-radius: 14px; background: var(--surface); }
  .brand { display: flex; align-items: center; gap: .5rem; font-weight: 600; letter-spacing: -.01em; margin-bottom: 1.5rem; }
  .code { font: 600 12px/1 ui-monospace, monospace, "Noto Sans SC", sans-serif; color: var(--accent); letter-spacing: .08em; }
  h1 { font-size: 1.35rem; line-height: 1.25; margin: .4rem 0 .6rem; letter-spacing: -.015em; }
  p { margin: 0; color: var(--muted); }
</style>
</head>
<body>
<main>
  <div class="brand">
    <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none"><circle cx="10" cy="10" r="6.5" stroke="currentColor" stroke-width="2.2"/><circle cx="10" cy="10" r="2.6" fill="var(--accent)"/><path d="M15 15l6 6" stroke="currentColor" stroke-width="2.6" stroke-linecap="round"/></svg>
    Loupe
  </div>
  <p class="code">${escapeHtml(code)}</p>
  <h1>${escapeHtml(heading)}</h1>
  <p>${escapeHtml(body)}</p>
</main>
</body>
</html>`;
}
