import { I18nBoundary } from "@/lib/i18n/boundary";

// The studio's client components translate in the browser; share pages stay outside this group and ship no dictionary.
export default function StudioLayout({ children }: { children: React.ReactNode }) {
  return <I18nBoundary>{children}</I18nBoundary>;
}
