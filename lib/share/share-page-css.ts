import "server-only";

/*
 * The share page's whole stylesheet, inlined into its HTML (lib/share/share-html.ts): the
 * studio's paper-and-ink tokens (app/globals.css), light and dark, and the layout the page had
 * as Tailwind classes. A few kB that need no request of their own, so nothing blocks the first
 * paint. Fonts: the system's sans and mono stacks with Inter and JetBrains Mono first where
 * installed (the studio's webfonts would be two more requests for a read-only page), and the
 * Chinese webfont (linked where the page shows Chinese) before the system's fonts, as the studio
 * orders them: a system font without CJK glyphs must not be asked first.
 */
export const SHARE_PAGE_CSS = `
:root{color-scheme:light;--paper:#f5f3ee;--surface:#fffefb;--sunken:#ece9e1;--ink:#16151b;--muted:#5d5a66;--line:#dcd8ce;--accent:#d6401f;--good:#1d7a4f;--warn:#94600b;--bad:#9f1f18;--focus:#2357d9;
--sans:"Inter Variable",Inter,"Noto Sans SC",ui-sans-serif,system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;--mono:"JetBrains Mono Variable","JetBrains Mono",ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans SC",monospace}
@media (prefers-color-scheme:dark){:root{color-scheme:dark;--paper:#111014;--surface:#1a191f;--sunken:#0b0a0d;--ink:#f1efe9;--muted:#a9a5b3;--line:#2e2c35;--accent:#ff7a52;--good:#5fd49a;--warn:#f0b550;--bad:#ff8a80;--focus:#8fb0ff}}
*,::before,::after{box-sizing:border-box}
html{background:var(--paper);color:var(--ink);-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
body{margin:0;min-height:100dvh;font:16px/1.5 var(--sans)}
h1,h2,h3,p,ul,ol,dl,dd,figure{margin:0}
ul,ol{list-style:none;padding:0}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.top{border-bottom:1px solid var(--line);background:color-mix(in srgb,var(--paper) 85%,transparent)}
.topbar{max-width:72rem;margin:0 auto;height:3.5rem;display:flex;align-items:center;gap:.75rem;padding:0 1rem}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:600;letter-spacing:-.025em}
.badge{margin-left:auto;border:1px solid var(--line);background:var(--surface);border-radius:999px;padding:.125rem .625rem;font-size:.75rem;line-height:1rem;font-weight:500;color:var(--muted)}
.page{max-width:72rem;margin:0 auto;display:flex;flex-direction:column;gap:3rem;padding:2rem 1rem}
.featured{display:grid;gap:2rem}
.stack{display:flex;flex-direction:column;gap:1.25rem;min-width:0}
.stack.tight{gap:.5rem}
.critique{display:flex;flex-direction:column;gap:1rem;min-width:0}
.label{font-size:.75rem;line-height:1rem;font-weight:600;letter-spacing:.025em;text-transform:uppercase;color:var(--muted)}
.card .label{margin-bottom:.5rem}
.note{font-size:.875rem;line-height:1.25rem;color:var(--muted)}
.images{display:grid;gap:.75rem}
.images.two{grid-template-columns:repeat(2,minmax(0,1fr))}
figure{overflow:hidden;border:1px solid var(--line);border-radius:14px;background:var(--sunken);box-shadow:0 1px 0 rgb(0 0 0/.02),0 8px 24px -12px rgb(20 19 26/.18)}
img{display:block;width:100%;height:auto}
img.main{max-height:78vh;object-fit:contain}
video{display:block;width:100%;height:auto;background:#111014}
video.main{max-height:78vh;object-fit:contain}
.at{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.75rem;font-weight:600}
figcaption{border-top:1px solid var(--line);padding:.375rem .75rem;font-size:.75rem;line-height:1rem;color:var(--muted)}
.empty{display:flex;aspect-ratio:1;width:100%;align-items:center;justify-content:center;border:1px dashed var(--line);border-radius:14px;padding:2rem}
.card{border:1px solid var(--line);border-radius:14px;background:var(--surface);padding:1rem}
.prompt{font:13px/1.625 var(--mono);white-space:pre-wrap;overflow-wrap:anywhere}
.prompt.small{font-size:.75rem;line-height:1.625}
.meta{margin-top:.75rem;font-size:.75rem;line-height:1rem;color:var(--muted)}
.verdict{display:flex;flex-direction:column;gap:1rem}
.score{display:flex;align-items:flex-end;justify-content:space-between;gap:.75rem}
.score p:first-child{font-weight:600;letter-spacing:-.025em}
.big{font-size:3rem;line-height:1;font-variant-numeric:tabular-nums}
.of{font-size:1.25rem;line-height:1.75rem;color:var(--muted)}
.engine{text-align:right;font-size:.6875rem;line-height:1rem;color:var(--muted)}
.aspects{display:grid;grid-template-columns:auto 1fr auto;align-items:center;gap:.375rem .75rem;font-size:.75rem;line-height:1rem}
.aspects dt{color:var(--muted)}
.bar{height:.375rem;overflow:hidden;border-radius:999px;background:var(--sunken)}
.bar div{height:100%;border-radius:999px}
.good{background:var(--good)}.warn{background:var(--warn)}.bad{background:var(--bad)}
.num{text-align:right;font-weight:500;font-variant-numeric:tabular-nums}
.summary{font-size:.875rem;line-height:1.625}
.sub{margin-bottom:.375rem;font-size:.75rem;line-height:1rem;font-weight:600;color:var(--muted)}
.strengths{display:flex;flex-direction:column;gap:.25rem;font-size:.875rem;line-height:1.25rem}
.strengths li{display:flex;gap:.5rem}
.tick{color:var(--good)}
.issues{display:flex;flex-direction:column;gap:.5rem}
.issues li{display:flex;flex-direction:column;gap:.25rem;border:1px solid var(--line);border-radius:.5rem;background:var(--surface);padding:.625rem;font-size:.875rem;line-height:1.25rem}
.severity{display:inline-flex;align-items:center;gap:.25rem;vertical-align:middle;font-size:.6875rem;line-height:1rem;text-transform:uppercase;color:var(--muted)}
.dot{display:inline-block;width:.5rem;height:.5rem;border-radius:999px;background:var(--muted)}
.dot.high{background:var(--bad)}.dot.medium{background:var(--warn)}
.fix{color:var(--muted)}.fix span{font-weight:500;color:var(--ink)}
.trail{display:flex;flex-direction:column;gap:1rem}
.trail h2{font-size:1.125rem;line-height:1.75rem;font-weight:600;letter-spacing:-.025em}
.trail ol{display:flex;flex-direction:column;gap:1rem}
.step{display:grid;gap:1rem;border:1px solid var(--line);border-radius:14px;background:var(--surface);padding:1rem}
.thumb{max-width:240px}
.step-head{display:flex;align-items:baseline;justify-content:space-between;gap:.75rem}
.step-head h3{font-size:.875rem;line-height:1.25rem;font-weight:600}
.step-score{font-weight:600;font-variant-numeric:tabular-nums}.step-score span{color:var(--muted)}
details{font-size:.875rem;line-height:1.25rem}
summary{cursor:pointer;font-size:.75rem;line-height:1rem;font-weight:500;color:var(--muted)}
summary:hover{color:var(--ink)}
.opened{margin-top:.75rem}
.foot{border-top:1px solid var(--line);padding-top:1.25rem;font-size:.75rem;line-height:1rem;color:var(--muted)}
@media (min-width:640px){.step{grid-template-columns:180px minmax(0,1fr)}}
@media (min-width:1024px){.topbar,.page{padding-left:1.5rem;padding-right:1.5rem}.featured{grid-template-columns:minmax(0,1fr) minmax(300px,380px)}}
`
  .trim()
  .replace(/\n/g, "");
