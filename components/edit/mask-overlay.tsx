/**
 * A painted region drawn over its image: the stored mask (white on black) becomes a CSS
 * luminance mask on a tinted layer, so only the region is tinted and the picture shows through.
 */
export function MaskOverlay({ maskUrl, className = "" }: { maskUrl: string; className?: string }) {
  const mask = `url(${maskUrl})`;
  return (
    <span
      aria-hidden="true"
      data-testid="mask-overlay"
      className={`pointer-events-none absolute inset-0 bg-accent/55 ${className}`}
      style={{ maskImage: mask, maskMode: "luminance", maskSize: "100% 100%" }}
    />
  );
}
