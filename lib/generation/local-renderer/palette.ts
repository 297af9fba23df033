import "server-only";
import { adjust, hexToHsl, legibleOn, mix, withHsl } from "./color";
import type { Design, Mood } from "./interpret";
import type { Random } from "./random";

export type Palette = {
  bgTop: string;
  bgBottom: string;
  primary: string;
  secondary: string;
  accent: string;
  /** Colour of the headline; chosen for contrast against the background behind it. */
  ink: string;
  dark: boolean;
};

type Curated = { colors: [string, string, string, string]; tags: Mood[] };

/** Hand-picked palettes for prompts that name no colour, tagged by the moods they suit. */
const curated: Curated[] = [
  { colors: ["#f4e9d8", "#ff5f2e", "#f2a541", "#1d3557"], tags: ["warm", "vibrant"] },
  { colors: ["#0b2545", "#13a89e", "#8ecae6", "#ffb703"], tags: ["cool", "dark"] },
  { colors: ["#f6e7f0", "#9ad9c1", "#ffc9a9", "#ff8b94"], tags: ["pastel", "light"] },
  { colors: ["#0d0221", "#ff2a6d", "#05d9e8", "#d1f7ff"], tags: ["neon", "dark"] },
  { colors: ["#f1e9da", "#e63946", "#1d4ed8", "#f4b400"], tags: ["vibrant", "light"] },
  { colors: ["#e9e4d4", "#2f5d50", "#c98b4b", "#1f2a24"], tags: ["muted", "light"] },
  { colors: ["#2d1e2f", "#f26b38", "#f7b267", "#e8dcc4"], tags: ["warm", "dark"] },
  { colors: ["#eae6df", "#1f3fd1", "#ff6f59", "#0d0d0f"], tags: ["cool", "vibrant", "light"] },
  { colors: ["#e9e3f5", "#7f5fc9", "#f6b8d0", "#1e1b3a"], tags: ["pastel", "cool", "light"] },
  { colors: ["#eeeeec", "#151515", "#8a8a8a", "#c9c9c9"], tags: ["mono", "light"] },
  { colors: ["#fff4d6", "#ff7b00", "#00916e", "#1b1b3a"], tags: ["warm", "vibrant", "light"] },
  { colors: ["#efe1cf", "#c8603d", "#2e5e6e", "#e9b44c"], tags: ["muted", "warm", "light"] },
  { colors: ["#101820", "#f2aa4c", "#5b8c85", "#f4efe6"], tags: ["dark", "muted"] },
  { colors: ["#dff3ef", "#0e7c7b", "#ff6f59", "#17324d"], tags: ["cool", "light"] },
];

function pickCurated(design: Design, random: Random): string[] {
  const wanted = [...design.moods];
  const scored = curated.map((p) => ({ p, score: wanted.filter((m) => p.tags.includes(m)).length }));
  const best = Math.max(...scored.map((s) => s.score));
  const candidates = scored.filter((s) => s.score === best).map((s) => s.p);
  return [...random.pick(candidates).colors];
}

/** One named colour: a tonal scheme around it, with a small contrasting accent. */
function fromNamed(colors: string[], random: Random): string[] {
  const base = colors[0]!;
  const { l } = hexToHsl(base);
  const tonal = l > 0.55 ? adjust(base, { l: -0.32, s: 0.08 }) : adjust(base, { l: 0.26, s: 0.05 });
  const neighbour = adjust(base, { h: random.pick([-28, 24, 32]), l: l > 0.55 ? -0.18 : 0.14 });
  const accent = l > 0.55 ? "#16161d" : "#f6efe2";
  return [base, colors[1] ?? tonal, colors[2] ?? neighbour, colors[3] ?? accent];
}

type Roles = { bg: string; primary: string; secondary: string; accent: string };

function applyMoods(roles: Roles, design: Design): Roles {
  const { moods } = design;
  let { bg, primary, secondary, accent } = roles;
  const all = (f: (c: string) => string) => {
    bg = f(bg);
    primary = f(primary);
    secondary = f(secondary);
    accent = f(accent);
  };
  if (moods.has("muted")) all((c) => withHsl(c, { s: hexToHsl(c).s * 0.55 }));
  if (moods.has("vibrant")) all((c) => (hexToHsl(c).s > 0.15 ? withHsl(c, { s: Math.max(0.85, hexToHsl(c).s) }) : c));
  if (moods.has("pastel")) {
    all((c) => withHsl(c, { s: Math.min(hexToHsl(c).s, 0.62), l: Math.max(hexToHsl(c).l, 0.74) }));
    bg = withHsl(bg, { l: 0.93 });
  }
  if (moods.has("mono")) {
    const hue = hexToHsl(roles.bg).h;
    const sat = design.colors.length > 0 ? 0.5 : 0;
    all((c) => withHsl(c, { h: hue, s: Math.min(sat, hexToHsl(c).s) }));
  }
  if (moods.has("neon")) {
    bg = withHsl(bg, { l: 0.07, s: 0.55 });
    primary = withHsl(primary, { s: 1, l: 0.58 });
    secondary = withHsl(secondary, { s: 1, l: 0.6 });
    accent = withHsl(accent, { l: 0.88 });
  }
  if (moods.has("dark") && !moods.has("neon")) bg = withHsl(bg, { l: Math.min(hexToHsl(bg).l, 0.14) });
  if (moods.has("light") && !moods.has("dark")) bg = withHsl(bg, { l: Math.max(hexToHsl(bg).l, 0.9) });
  if (moods.has("warm")) [secondary, accent] = [secondary, accent].map((c) => mix(c, "#ff8a3d", 0.2)) as [string, string];
  if (moods.has("cool")) [secondary, accent] = [secondary, accent].map((c) => mix(c, "#3d8bff", 0.2)) as [string, string];
  return { bg, primary, secondary, accent };
}

/** Push shapes away from the background in lightness, or pull them towards it. */
function applyContrast(roles: Roles, design: Design): Roles {
  const { moods } = design;
  if (moods.has("highContrast")) {
    const darkBg = hexToHsl(roles.bg).l < 0.5;
    const bg = withHsl(roles.bg, { l: darkBg ? 0.05 : 0.965 });
    const away = (c: string) => {
      const { l, s } = hexToHsl(c);
      return withHsl(c, { l: darkBg ? Math.max(l, 0.6) : Math.min(l, 0.42), s: Math.min(1, s + 0.2) });
    };
    return { bg, primary: away(roles.primary), secondary: away(roles.secondary), accent: darkBg ? "#ffffff" : "#000000" };
  }
  if (moods.has("lowContrast")) {
    const toward = (c: string) => mix(c, roles.bg, 0.38);
    return { ...roles, primary: toward(roles.primary), secondary: toward(roles.secondary), accent: toward(roles.accent) };
  }
  return roles;
}

export function buildPalette(design: Design, random: Random): Palette {
  const [bg, primary, secondary, accent] = design.colors.length > 0 ? fromNamed(design.colors, random) : pickCurated(design, random);
  const roles = applyContrast(applyMoods({ bg: bg!, primary: primary!, secondary: secondary!, accent: accent! }, design), design);
  const dark = hexToHsl(roles.bg).l < 0.5;
  const bgTop = roles.bg;
  // A dominant colour floods the lower frame and takes over the main shapes.
  const bgBottom = design.dominant
    ? mix(roles.bg, design.dominant, 0.72)
    : adjust(roles.bg, { h: random.range(-14, 14), l: dark ? 0.06 : -0.07, s: 0.04 });
  if (design.dominant) roles.primary = design.dominant;
  const inkCandidates = design.moods.has("highContrast") ? [dark ? "#ffffff" : "#000000"] : [roles.accent, roles.primary];
  const ink = legibleOn(mix(bgTop, bgBottom, 0.2), inkCandidates);
  return { bgTop, bgBottom, primary: roles.primary, secondary: roles.secondary, accent: roles.accent, ink, dark };
}
