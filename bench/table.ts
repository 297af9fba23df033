/** One line of the bench table: what was measured, the target, what we got, and whether it passed. */
export type Row = {
  id: string;
  label: string;
  target: string;
  value: string;
  spread: string;
  /** null when the figure could not be measured as specified (the note says why). */
  pass: boolean | null;
  note?: string;
  raw?: unknown;
};

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : "n/a");
export const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} kB` : "n/a");

export function verdict(pass: boolean | null): string {
  if (pass === null) return "n/a";
  return pass ? "pass" : "MISS";
}

export function formatTable(rows: readonly Row[]): string {
  const header = ["figure", "target", "value", "spread", "result"];
  const body = rows.map((r) => [r.label, r.target, r.value, r.spread, verdict(r.pass)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((line) => line[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
  const notes = rows.filter((r) => r.note).map((r) => `  * ${r.label}: ${r.note}`);
  return [...out, ...(notes.length ? ["", "notes:", ...notes] : [])].join("\n");
}

export function tally(rows: readonly Row[]): { pass: number; miss: number; unmeasured: number } {
  return {
    pass: rows.filter((r) => r.pass === true).length,
    miss: rows.filter((r) => r.pass === false).length,
    unmeasured: rows.filter((r) => r.pass === null).length,
  };
}
