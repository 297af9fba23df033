/**
 * The Anthropic fake's answers to the exploration calls, derived from what each request carries
 * (never canned constants):
 *   - drafts: k prompts from <prompt>, splitting the <accepted_fixes>' quoted words between them
 *     and adding the model notes' advice; with no fixes, k readings of the prompt;
 *   - pick: the images read in order after their <best_so_far> / <candidate label="…"> blocks,
 *     scored on brightness against the draft's light words and on contrast;
 *   - notes: the attempts' critique lines grouped by aspect into notes on the model, with the
 *     current notes' evidence kept and their confidence raised as rounds repeat;
 *   - review: the three together, the drafts written from the best image after the pick.
 * The request kinds are told apart by the output schema's properties.
 */
export type ExploreKind = "drafts" | "pick" | "notes" | "review";

type Block = Record<string, unknown> & { type?: unknown };
type Request = { messages: Array<{ role: string; content: string | Block[] }>; output_config?: { format?: { schema?: unknown } } };
export type ExploreImage = { width: number; height: number; brightness: number; contrast: number };

export function exploreKindOf(request: Request): ExploreKind | null {
  const schema = request.output_config?.format?.schema;
  const properties = isRecord(schema) && isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  if (properties.includes("pick") && properties.includes("drafts")) return "review";
  if (properties.includes("winner")) return "pick";
  if (properties.length === 1 && properties[0] === "drafts") return "drafts";
  if (properties.length === 1 && properties[0] === "notes") return "notes";
  return null;
}

export function exploreAnswer({ kind, request, images }: { kind: ExploreKind; request: Request; images: readonly ExploreImage[] }): unknown {
  const blocks = userBlocks(request);
  const text = blocks.flatMap((b) => (b.type === "text" && typeof b.text === "string" ? [b.text] : [])).join("\n");
  if (kind === "drafts") return { drafts: drafts({ base: tag(text, "prompt") ?? "", fixes: fixLines(tag(text, "accepted_fixes") ?? ""), advice: adviceOf(text), k: Number(tag(text, "k") ?? 1), style: tag(text, "style") }) };
  if (kind === "notes") return { notes: notes({ current: currentNotes(text), attempts: attemptsOf(text), round: roundOf(text) }) };
  const shown = shownImages({ blocks, images });
  const result = pick({ shown, draft: tag(text, "draft") ?? "" });
  if (kind === "pick") return result;
  const round = roundOf(text);
  const updated = notes({ current: currentNotes(text), attempts: shown.filter((s) => s.label !== "best").map((s) => ({ round, prompt: s.prompt, fixes: s.fixes })), round });
  const winner = shown.find((s) => s.label === result.winner)!;
  const from = result.beatsBest ? winner : (shown.find((s) => s.label === "best") ?? winner);
  const advice = updated.flatMap((n) => quoted(n.advice));
  return { pick: result, notes: updated, drafts: drafts({ base: from.prompt, fixes: from.fixes, advice, k: Number(tag(text, "k") ?? 0), style: tag(text, "style") }) };
}

/* ---------- drafts ---------- */

type Fix = { id: string; aspect: string; problem: string; phrase: string | null };

function drafts({ base, fixes, advice, k, style }: { base: string; fixes: Fix[]; advice: string[]; k: number; style?: string }) {
  const ids = (list: Fix[]) => list.map((f) => f.id);
  const plans: Array<{ takes: Fix[]; extra: string; reading: string }> = [];
  if (fixes.length > 0) {
    plans.push({ takes: fixes, extra: "", reading: `Takes every fix (${ids(fixes).join(", ")}).` });
    if (fixes.length > 1) {
      plans.push({ takes: [fixes[0]!], extra: "", reading: `Takes only ${fixes[0]!.id}, to see it alone.` });
      plans.push({ takes: fixes.slice(1), extra: "", reading: `Takes ${ids(fixes.slice(1)).join(", ")} and leaves ${fixes[0]!.id}.` });
    }
  }
  for (const [extra, reading] of [
    ["dramatic low-angle view, strong directional light", "Reads the brief as dramatic: low angle, hard light."],
    ["soft pastel palette, gentle diffuse light", "Reads the brief as gentle: pastel palette, soft light."],
    ["close-up framing, the subject fills the frame", "Reads the brief up close: the subject fills the frame."],
    ["wide establishing shot, generous negative space", "Reads the brief wide: the whole scene with room around it."],
  ] as const) {
    plans.push({ takes: fixes, extra, reading });
  }
  return plans.slice(0, Math.max(0, k)).map((plan) => {
    const phrases = [...plan.takes.flatMap((f) => (f.phrase ? [f.phrase] : [])), ...advice, ...(plan.extra ? [plan.extra] : [])];
    return { prompt: styled({ base, phrases, style }), takes: ids(plan.takes), reading: plan.reading };
  });
}

function styled({ base, phrases, style }: { base: string; phrases: string[]; style?: string }): string {
  const unique = [...new Set(phrases)].filter((p) => !base.toLowerCase().includes(p.toLowerCase()));
  const trimmed = base.trim().replace(/[.,;\s]+$/, "");
  if (unique.length === 0) return trimmed;
  if (style === "natural-paragraphs") return `${trimmed}. ${unique.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join(". ")}.`;
  return `${trimmed}, ${unique.join(", ")}`;
}

/* ---------- pick ---------- */

type Shown = { label: string; prompt: string; fixes: Fix[]; image: ExploreImage; overall: number | null };

/** The images in the order sent, each with the label, prompt and critique lines of the text block before it. */
function shownImages({ blocks, images }: { blocks: Block[]; images: readonly ExploreImage[] }): Shown[] {
  const out: Shown[] = [];
  let pending: Omit<Shown, "image"> | null = null;
  let imageIndex = 0;
  for (const block of blocks) {
    if (block.type === "image") {
      const image = images[imageIndex++];
      if (pending && image) out.push({ ...pending, image });
      pending = null;
    } else if (block.type === "text" && typeof block.text === "string") {
      const label = /<candidate label="([A-D])">/.exec(block.text)?.[1] ?? (/<best_so_far>/.test(block.text) ? "best" : null);
      pending = label ? { label, prompt: tag(block.text, "prompt") ?? "", fixes: fixLines(block.text), overall: Number(/overall="([\d.]+)"/.exec(block.text)?.[1] ?? NaN) || null } : null;
    }
  }
  return out;
}

function pick({ shown, draft }: { shown: Shown[]; draft: string }) {
  const target = /\b(dark|night|moody|noir|low-key)\b|暗|夜/i.test(draft) ? 0.25 : /\b(bright|airy|sunny|daylight|high-key)\b|明亮|阳光/i.test(draft) ? 0.72 : 0.5;
  const score = (s: Shown) => Math.round((10 - 10 * Math.abs(s.image.brightness - target) + 8 * s.image.contrast) * 100) / 100;
  const candidates = shown.filter((s) => s.label !== "best");
  const best = shown.find((s) => s.label === "best");
  const ranked = candidates.slice().sort((a, b) => score(b) - score(a) || a.label.localeCompare(b.label));
  const winner = ranked[0]!;
  const figures = (s: Shown) => `brightness ${s.image.brightness.toFixed(2)}, contrast ${s.image.contrast.toFixed(2)}`;
  const reasons = ranked.slice(1).map((other) => `${winner.label} sits closer to the draft's light than ${other.label} (${figures(winner)} against ${figures(other)}).`);
  return {
    winner: winner.label,
    reasons: reasons.length > 0 ? reasons.slice(0, 4) : [`${winner.label} is the only render (${figures(winner)}).`],
    perImage: candidates.map((s) => ({ label: s.label, note: `${figures(s)}; score ${score(s)}.` })),
    beatsBest: best ? score(winner) > score(best) : true,
    versusBest: best ? `${winner.label}'s light score is ${score(winner)} against the best so far's ${score(best)} (closeness to the draft's brightness, plus contrast).` : "",
  };
}

/* ---------- notes ---------- */

type Note = { id: string; kind: string; behaviour: string; advice: string; evidence: Array<{ round: number | null; prompt: string; observed: string }>; confidence: string };

const aspectNotes: Record<string, Pick<Note, "id" | "kind" | "behaviour" | "advice">> = {
  typography: { id: "quoted-text-small", kind: "quoted-text", behaviour: "sets quoted text too small to read", advice: 'Put the quoted text first and add "large bold type, high contrast"' },
  colorLighting: { id: "exposure-drifts", kind: "lighting", behaviour: "misses the asked exposure (too dark or washed out)", advice: 'Add "balanced exposure, clear light direction"' },
  composition: { id: "crowds-the-frame", kind: "composition", behaviour: "crowds the frame and ignores the asked shape", advice: 'Add "generous negative space, composed for the exact frame"' },
  promptAdherence: { id: "drops-requirements", kind: "other", behaviour: "drops a stated requirement", advice: "Name every requirement in the first sentence" },
  artifacts: { id: "leaves-artifacts", kind: "detail", behaviour: "leaves visible generation artifacts", advice: 'Add "clean surfaces, crisp details"' },
};

function notes({ current, attempts, round }: { current: Note[]; attempts: Array<{ round: number | null; prompt: string; fixes: Fix[] }>; round: number | null }): Note[] {
  const byId = new Map<string, Note>(current.map((n) => [n.id, { ...n, evidence: [...n.evidence] }]));
  for (const attempt of attempts) {
    for (const fix of attempt.fixes) {
      const template = aspectNotes[fix.aspect];
      if (!template) continue;
      const note: Note = byId.get(template.id) ?? { ...template, evidence: [], confidence: "low" };
      note.evidence.push({ round: attempt.round ?? round, prompt: attempt.prompt.slice(0, 120), observed: fix.problem.slice(0, 200) });
      note.evidence = note.evidence.slice(-8);
      const rounds = new Set(note.evidence.map((e) => e.round)).size;
      note.confidence = rounds >= 3 ? "high" : rounds === 2 || note.evidence.length >= 2 ? "medium" : "low";
      byId.set(template.id, note);
    }
  }
  return [...byId.values()].slice(0, 12);
}

function currentNotes(text: string): Note[] {
  try {
    const parsed: unknown = JSON.parse(tag(text, "current_notes") ?? "[]");
    return Array.isArray(parsed) ? (parsed.filter(isRecord) as unknown as Note[]).map((n) => ({ ...n, evidence: Array.isArray(n.evidence) ? n.evidence.map((e) => ({ round: e.round ?? null, prompt: e.prompt, observed: e.observed })) : [] })) : [];
  } catch {
    return [];
  }
}

function attemptsOf(text: string): Array<{ round: number | null; prompt: string; fixes: Fix[] }> {
  return [...text.matchAll(/<attempt([^>]*)>([\s\S]*?)<\/attempt>/g)].map((m) => ({
    round: Number(/round="(\d+)"/.exec(m[1]!)?.[1] ?? NaN) || null,
    prompt: tag(m[2]!, "prompt") ?? "",
    fixes: fixLines(m[2]!),
  }));
}

/* ---------- reading the request ---------- */

function fixLines(text: string): Fix[] {
  return [...text.matchAll(/^- id=(\S+) \[([^,\]]+), \w+\] (.*?) → (.*)$/gm)].map((m) => ({ id: m[1]!, aspect: m[2]!.trim(), problem: m[3]!, phrase: quoted(m[4]!)[0] ?? null }));
}

function adviceOf(text: string): string[] {
  const block = tag(text, "model_notes") ?? /<model_notes[^>]*>([\s\S]*?)<\/model_notes>/.exec(text)?.[1] ?? "";
  return block.split("\n").flatMap((line) => (line.startsWith("- [") ? quoted(line.split("→")[1] ?? "") : []));
}

function quoted(text: string): string[] {
  return [...text.matchAll(/["“]([^"”]{2,120})["”]/g)].map((m) => m[1]!.trim());
}

function roundOf(text: string): number | null {
  const round = Number(tag(text, "round") ?? NaN);
  return Number.isInteger(round) ? round : null;
}

function userBlocks(request: Request): Block[] {
  const last = [...request.messages].reverse().find((m) => m.role === "user");
  if (!last) return [];
  return typeof last.content === "string" ? [{ type: "text", text: last.content }] : last.content;
}

function tag(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>\\s*([\\s\\S]*?)\\s*</${name}>`).exec(text)?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
