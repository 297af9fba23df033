import "server-only";
/**
 * The words the local renderer understands, in English and Chinese. English entries are
 * regular-expression fragments matched on word boundaries; Chinese entries are plain
 * substrings (Chinese has no spaces to split on).
 */

export type Term = { en: string[]; zh: string[] };

/** Named colours, in the order they are tried (multi-word names first). */
export const colorTerms: Array<{ hex: string } & Term> = [
  { hex: "#87c6eb", en: ["sky blue", "baby blue", "light blue"], zh: ["天蓝", "浅蓝"] },
  { hex: "#14213d", en: ["navy( blue)?", "midnight blue"], zh: ["深蓝", "藏青", "藏蓝", "海军蓝"] },
  { hex: "#1f4d36", en: ["forest green", "bottle green", "dark green"], zh: ["墨绿", "深绿"] },
  { hex: "#ff3d8b", en: ["hot pink"], zh: ["玫红"] },
  { hex: "#a8e6cf", en: ["mint( green)?"], zh: ["薄荷绿", "薄荷"] },
  { hex: "#6b7a2e", en: ["olive( green)?"], zh: ["橄榄绿", "橄榄"] },
  { hex: "#8e1b2a", en: ["blood red", "oxblood"], zh: ["深红"] },
  { hex: "#e8452c", en: ["vermilion", "vermillion"], zh: ["朱红", "大红"] },
  { hex: "#b3123a", en: ["crimson"], zh: [] },
  { hex: "#e8332a", en: ["scarlet"], zh: [] },
  { hex: "#6d1a2a", en: ["maroon", "burgundy", "wine", "oxblood"], zh: ["酒红", "枣红"] },
  { hex: "#d7263d", en: ["reds?"], zh: ["红"] },
  { hex: "#ff6f59", en: ["coral"], zh: ["珊瑚"] },
  { hex: "#fa8e7a", en: ["salmon"], zh: [] },
  { hex: "#ffb38a", en: ["peach", "apricot"], zh: ["桃色", "杏色"] },
  { hex: "#e0218a", en: ["magenta", "fuchsia"], zh: ["洋红", "品红"] },
  { hex: "#e8698a", en: ["rose"], zh: ["玫瑰"] },
  { hex: "#f4a6c0", en: ["pinks?", "blush"], zh: ["粉红", "粉色", "粉"] },
  { hex: "#b7472a", en: ["rust", "terracotta", "brick"], zh: ["砖红", "铁锈"] },
  { hex: "#f77f00", en: ["orange", "tangerine"], zh: ["橙", "橘"] },
  { hex: "#ffb000", en: ["amber", "saffron"], zh: ["琥珀"] },
  { hex: "#e1ad01", en: ["mustard", "ochre", "ocher"], zh: ["芥末黄", "赭"] },
  { hex: "#d4a72c", en: ["gold", "golden"], zh: ["金"] },
  { hex: "#fff176", en: ["lemon"], zh: ["柠檬"] },
  { hex: "#ffd23f", en: ["yellows?"], zh: ["黄"] },
  { hex: "#f3ead3", en: ["cream", "ivory", "off-white", "bone"], zh: ["奶油", "象牙"] },
  { hex: "#e3d5b8", en: ["beige", "sand", "tan", "khaki", "oat"], zh: ["米色", "卡其", "沙色"] },
  { hex: "#7a4e2d", en: ["brown", "chocolate", "coffee", "mocha"], zh: ["棕", "咖啡", "褐"] },
  { hex: "#0f9d74", en: ["emerald", "jade"], zh: ["翠绿", "翡翠", "祖母绿"] },
  { hex: "#9cae8f", en: ["sage"], zh: ["灰绿"] },
  { hex: "#a4d62b", en: ["lime", "chartreuse"], zh: ["青柠", "荧光绿"] },
  { hex: "#2e9e5b", en: ["greens?"], zh: ["绿"] },
  { hex: "#0e7c7b", en: ["teal", "petrol"], zh: ["青色", "蓝绿", "青"] },
  { hex: "#2ec4b6", en: ["turquoise", "aqua", "aquamarine"], zh: ["湖蓝", "松石绿", "绿松石"] },
  { hex: "#1fb8d4", en: ["cyan"], zh: ["青蓝"] },
  { hex: "#1f4fd1", en: ["cobalt", "ultramarine", "klein blue", "electric blue"], zh: ["克莱因蓝", "钴蓝"] },
  { hex: "#3a8dde", en: ["azure", "cerulean"], zh: ["蔚蓝"] },
  { hex: "#3c2a8c", en: ["indigo"], zh: ["靛蓝", "靛"] },
  { hex: "#2b59c3", en: ["blues?"], zh: ["蓝"] },
  { hex: "#c4b3e6", en: ["lavender", "lilac"], zh: ["薰衣草", "淡紫"] },
  { hex: "#6e2f5b", en: ["plum", "aubergine", "eggplant"], zh: ["梅子", "茄紫"] },
  { hex: "#7f4fc9", en: ["violet", "purples?", "amethyst"], zh: ["紫"] },
  { hex: "#c0c4ca", en: ["silver"], zh: ["银"] },
  { hex: "#2b2d31", en: ["charcoal", "graphite", "slate"], zh: ["炭灰", "石墨"] },
  { hex: "#8d9096", en: ["gr[ae]y"], zh: ["灰"] },
  { hex: "#0d0d0f", en: ["black", "jet", "ebony"], zh: ["黑"] },
  { hex: "#f7f5f0", en: ["white", "snow"], zh: ["白"] },
];

/**
 * Phrases that contain a colour word but do not name a colour; removed before colour
 * matching ("white space", 留白 = negative space, 黄昏 = dusk).
 */
export const notColors: Term = {
  en: ["white ?space", "black and white", "b ?& ?w", "golden hour", "golden ratio", "red carpet", "blue hour"],
  zh: ["黑白", "留白", "空白", "黄昏", "白天", "明白", "青春", "金属"],
};

export const colorModifiers: Array<{ change: { l?: number; s?: number; setL?: number; setS?: number } } & Term> = [
  { change: { l: -0.2 }, en: ["deep", "dark"], zh: ["深", "暗"] },
  { change: { setL: 0.82, s: -0.15 }, en: ["light", "pale", "soft"], zh: ["浅", "淡"] },
  { change: { setS: 1, l: 0.02 }, en: ["bright", "vivid", "electric", "hot"], zh: ["亮", "鲜"] },
  { change: { s: -0.35 }, en: ["muted", "dusty", "faded"], zh: ["灰调"] },
];

export const moodTerms = {
  warm: { en: ["warm(th)?", "autumn(al)?", "fall colou?rs", "cozy", "cosy", "golden hour", "desert"], zh: ["暖", "秋"] },
  cool: { en: ["cool", "cold", "icy", "winter", "frost(y)?", "arctic"], zh: ["冷", "冰", "冬"] },
  pastel: { en: ["pastels?", "candy", "macarons?", "dreamy", "soft colou?rs"], zh: ["粉彩", "马卡龙", "梦幻", "柔和"] },
  neon: { en: ["neon", "cyberpunk", "synthwave", "vaporwave", "glow(ing)?", "fluorescent"], zh: ["霓虹", "赛博", "荧光"] },
  mono: { en: ["monochrome", "monochromatic", "black and white", "b ?& ?w", "gr[ae]yscale", "single colou?r"], zh: ["黑白", "单色"] },
  muted: { en: ["muted", "earthy", "earth tones?", "desaturated", "dusty", "faded", "understated"], zh: ["低饱和", "莫兰迪", "大地色"] },
  vibrant: { en: ["vibrant", "vivid", "saturated", "colou?rful", "playful", "pop", "bold colou?rs"], zh: ["鲜艳", "多彩", "撞色", "活泼"] },
  dark: { en: ["night", "midnight", "moody", "noir", "nocturnal", "after dark", "dark (background|mode|theme)"], zh: ["夜", "暗黑", "深色背景"] },
  light: { en: ["airy", "light background", "white background", "daylight", "morning", "bright and airy"], zh: ["明亮", "清新", "浅色背景"] },
  highContrast: {
    en: ["high[- ]contrast", "strong contrast", "more contrast", "higher contrast", "punchy", "stark", "increase(d)? contrast"],
    zh: ["高对比", "强对比", "对比强烈", "加强对比"],
  },
  lowContrast: { en: ["low[- ]contrast", "soft contrast", "less contrast", "subdued", "hazy", "misty", "foggy"], zh: ["低对比", "朦胧", "雾"] },
} satisfies Record<string, Term>;

export const styleTerms = {
  gradient: { en: ["gradients?", "ombre", "mesh", "aurora"], zh: ["渐变", "极光"] },
  flat: { en: ["flat", "solid colou?rs", "vector"], zh: ["扁平", "纯色"] },
  grain: { en: ["grain(y)?", "noise", "noisy", "film", "risograph", "riso", "textured?", "analog(ue)?", "print(ed)?"], zh: ["颗粒", "噪点", "胶片", "质感", "肌理"] },
  clean: { en: ["clean", "crisp", "smooth", "polished", "sleek"], zh: ["干净", "光滑"] },
  watercolor: { en: ["watercolou?rs?", "gouache", "painterly", "ink wash", "soft edges"], zh: ["水彩", "水墨", "手绘"] },
  retro: { en: ["retro", "vintage", "(19)?70s", "(19)?80s", "seventies", "eighties", "nostalgic", "art deco"], zh: ["复古", "怀旧"] },
  halftone: { en: ["halftone", "dots", "dotted", "polka", "pop art", "comic"], zh: ["网点", "波点", "圆点"] },
  stripes: { en: ["stripes?", "striped", "lines", "linear", "pinstripes?"], zh: ["条纹", "线条"] },
  serif: { en: ["(?<!sans[- ])serif", "editorial", "elegant", "classic(al)?", "luxury", "luxurious", "fashion", "magazine"], zh: ["衬线", "优雅", "高级", "杂志", "典雅"] },
  outline: { en: ["outlines?", "line[- ]art", "wireframe", "strokes?"], zh: ["线稿", "描边"] },
  grid: { en: ["grids?", "modular", "tiles?", "tiled"], zh: ["网格", "格子"] },
} satisfies Record<string, Term>;

export const compositionTerms = {
  centered: { en: ["cent(er|re)(e?d)?", "central", "symmetr(y|ic|ical|ically)", "balanced", "middle"], zh: ["居中", "中心", "中间", "对称"] },
  thirds: { en: ["rule of thirds", "thirds", "off[- ]cent(er|re)", "asymmetr(y|ic|ical)", "dynamic"], zh: ["三分", "黄金分割", "不对称"] },
  left: { en: ["left", "left[- ]aligned"], zh: ["左"] },
  right: { en: ["right", "right[- ]aligned"], zh: ["右"] },
  closeUp: { en: ["close[- ]?up", "macro", "tight(ly)? crop(ped)?", "zoomed in", "fill(s|ing)? the frame", "detail shot"], zh: ["特写", "近景", "局部"] },
  wide: { en: ["wide", "panoram(a|ic)", "vast", "expansive", "establishing shot", "far away", "distant"], zh: ["广角", "全景", "远景", "辽阔"] },
  minimal: {
    en: ["minimal(ist|ism)?", "simple", "sparse", "negative space", "white ?space", "lots of space", "empty space", "uncluttered", "less clutter"],
    zh: ["极简", "简约", "简洁", "留白", "空旷"],
  },
} satisfies Record<string, Term>;

export const motifTerms = {
  sun: { en: ["sun", "sunset", "sunrise", "sunny", "sunshine", "golden hour", "dawn", "dusk", "solar"], zh: ["太阳", "日落", "日出", "夕阳", "朝阳", "黄昏", "阳光"] },
  moon: { en: ["moon(light|lit)?", "lunar", "crescent"], zh: ["月"] },
  stars: { en: ["stars?", "starry", "galaxy", "cosmos", "cosmic", "constellations?", "night sky", "starlight"], zh: ["星空", "星星", "银河", "星"] },
  planet: { en: ["planets?", "saturn", "outer space", "deep space", "orbit(s|ing)?", "astronaut", "universe"], zh: ["星球", "宇宙", "太空", "行星"] },
  mountains: { en: ["mountains?", "peaks?", "alps", "alpine", "hills?", "ridges?", "summit", "volcano", "landscape"], zh: ["山", "峰"] },
  ocean: { en: ["ocean", "seas?", "seaside", "waves?", "beach", "surf(ing)?", "coast(al|line)?", "lake", "water", "river", "tides?"], zh: ["海", "浪", "湖", "水", "江", "河"] },
  city: { en: ["city", "skyline", "urban", "buildings?", "skyscrapers?", "architecture", "streets?", "downtown", "metropolis"], zh: ["城市", "都市", "建筑", "天际线", "街"] },
  forest: { en: ["forests?", "trees?", "woods", "woodland", "pines?", "jungle"], zh: ["森林", "树", "林"] },
  flower: { en: ["flowers?", "floral", "bloom(s|ing)?", "blossoms?", "petals?", "garden", "botanical", "spring"], zh: ["花", "樱", "春"] },
  bauhaus: { en: ["bauhaus", "constructivis(t|m)", "swiss", "international style", "mid[- ]century"], zh: ["包豪斯", "构成主义", "瑞士"] },
  geometric: { en: ["geometr(y|ic|ical)", "shapes", "circles", "triangles", "squares", "polygon(s|al)?", "isometric"], zh: ["几何", "圆形", "三角", "方块"] },
  organic: { en: ["organic", "fluid", "blobs?", "liquid", "flowing", "curvy", "wavy", "amoeba", "abstract forms"], zh: ["有机", "流体", "曲线", "液态"] },
} satisfies Record<string, Term>;

export const headlineTerms = {
  larger: {
    en: [
      "(larger|bigger|huge|giant|massive|oversized|big|large|prominent|dominant|bolder|heavier)( \\w+)? (headline|title|type|typography|text|lettering|wordmark)",
      "(headline|title|type|typography|text|lettering)( \\w+){0,3} (larger|bigger|more prominent|bolder|huge|dominant|bigger)",
      "scale up the (headline|title|type|text)",
    ],
    zh: ["大标题", "标题更大", "标题放大", "放大标题", "加大标题", "标题加大", "标题醒目", "醒目的标题", "更大的标题", "文字更大"],
  },
  smaller: {
    en: [
      "(smaller|subtle|small|tiny|discreet|quiet|understated)( \\w+)? (headline|title|type|typography|text|lettering)",
      "(headline|title|type|text)( \\w+){0,3} (smaller|more subtle|quieter)",
    ],
    zh: ["小标题", "标题更小", "缩小标题", "标题缩小", "文字更小"],
  },
  bottom: {
    en: ["(headline|title|text|type|typography|lettering)( \\w+){0,4} (at|along|near|on) the bottom", "(bottom|lower)[- ](headline|title|text)"],
    zh: ["标题在底部", "标题在下方", "底部标题", "文字在底部", "文字在下方"],
  },
  topSpace: {
    en: [
      "(space|room|margin|breathing room|air|sky)( \\w+){0,5} (at|on|near|along|in) the top",
      "(space|room|margin)( \\w+){0,3} (above|at the top|up top)",
      "top (space|margin|area)",
      "headroom",
      "(empty|negative|open|clear) (space|area) (at|on|near) the top",
    ],
    zh: ["顶部留白", "上方留白", "上部留白", "顶部空间", "上方空间", "留出顶部", "顶部留出", "上方留出", "留白在上"],
  },
} satisfies Record<string, Term>;
