export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd className="rounded border border-line bg-sunken px-1 font-mono text-2xs text-muted">{children}</kbd>
  );
}
