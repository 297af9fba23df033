export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd className="rounded border border-line bg-sunken px-1 font-mono text-2xs text-muted">{children}</kbd>
  );
}

/**
 * A keyboard hint drawn inside or beside a control. Hidden from assistive technology: the
 * control's accessible name stays exactly its label (the UI contract) and the shortcut is
 * announced from its `aria-keyshortcuts` instead of as glyphs.
 */
export function KeyHint({ children, className = "hidden opacity-80 sm:inline" }: { children: React.ReactNode; className?: string }) {
  return (
    <span aria-hidden="true" className={className}>
      <Kbd>{children}</Kbd>
    </span>
  );
}
