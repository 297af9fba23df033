type Tone = "neutral" | "accent" | "good" | "warn";

const tones: Record<Tone, string> = {
  neutral: "border-line bg-surface text-muted",
  accent: "border-accent/40 bg-accent-soft text-accent",
  good: "border-good/40 text-good",
  warn: "border-warn/50 text-warn",
};

export function Badge({ tone = "neutral", children, title }: { tone?: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
