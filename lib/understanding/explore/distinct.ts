import "server-only";
/**
 * When two drafts of a round are the same draft. Drafts of one round share most of their words by
 * design (every draft keeps every requirement of the brief), so similarity is judged on what each
 * draft changes from the prompt it started from: two drafts whose changes are nearly the same set
 * would render nearly the same image, and one of them wastes a render.
 */

/** Word pairs (Latin scripts) and character pairs (Han, kana, Hangul), lower-cased, punctuation dropped. */
export function shingles(text: string): Set<string> {
  const units = text
    .toLowerCase()
    .replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, " $& ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i < units.length; i++) out.add(i + 1 < units.length ? `${units[i]} ${units[i + 1]}` : units[i]!);
  return out;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** What a draft adds to the prompt it started from. */
function changes(text: string, base: ReadonlySet<string>): Set<string> {
  return new Set([...shingles(text)].filter((s) => !base.has(s)));
}

/** Changes this alike (or whole texts this alike) make two drafts one. */
export const CHANGE_SIMILARITY_LIMIT = 0.75;
export const TEXT_SIMILARITY_LIMIT = 0.95;

export function nearDuplicate(a: string, b: string, base?: string): boolean {
  if (jaccard(shingles(a), shingles(b)) >= TEXT_SIMILARITY_LIMIT) return true;
  if (base === undefined) return false;
  const from = shingles(base);
  return jaccard(changes(a, from), changes(b, from)) >= CHANGE_SIMILARITY_LIMIT;
}

/** Indexes of the drafts that repeat an earlier one (the earlier is kept). */
export function duplicateIndexes(prompts: readonly string[], base?: string): number[] {
  const out: number[] = [];
  prompts.forEach((prompt, i) => {
    if (prompts.slice(0, i).some((earlier, j) => !out.includes(j) && nearDuplicate(prompt, earlier, base))) out.push(i);
  });
  return out;
}
