import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "ghost";

const variants: Record<Variant, string> = {
  primary:
    "bg-accent text-accent-ink shadow-sm hover:brightness-110 active:brightness-95 disabled:bg-sunken disabled:text-muted disabled:shadow-none",
  secondary:
    "border border-line bg-surface text-ink hover:bg-sunken active:bg-line disabled:text-muted disabled:hover:bg-surface",
  ghost: "text-muted hover:bg-sunken hover:text-ink disabled:hover:bg-transparent",
};

export function Button({
  variant = "secondary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type="button"
      className={`inline-flex h-9 items-center justify-center gap-2 rounded-lg px-3.5 text-sm font-medium transition disabled:cursor-not-allowed ${variants[variant]} ${className}`}
      {...props}
    />
  );
}
