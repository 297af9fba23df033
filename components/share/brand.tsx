/** Loupe's mark, drawn inline so a share page needs no extra request for it. */
export function LoupeMark({ size = 22 }: { size?: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 24 24" fill="none">
      <circle cx="10" cy="10" r="6.5" stroke="currentColor" strokeWidth="2.2" />
      <circle cx="10" cy="10" r="2.6" fill="var(--accent)" />
      <path d="M15 15l6 6" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
    </svg>
  );
}
