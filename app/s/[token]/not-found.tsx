import { LoupeMark } from "@/components/share/brand";
import { getTranslator } from "@/lib/i18n/server";

/** Unknown and malformed share links: the same answer for both, so tokens cannot be probed. */
export default async function ShareNotFound() {
  const { t } = await getTranslator();
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="w-full max-w-md rounded-card border border-line bg-surface p-8 shadow-card">
        <p className="mb-6 flex items-center gap-2 font-semibold tracking-tight">
          <LoupeMark />
          Loupe
        </p>
        <p className="font-mono text-xs font-semibold tracking-widest text-accent">404 · NOT FOUND</p>
        <h1 className="mt-1.5 mb-2 text-xl font-semibold tracking-tight">{t("shared.notFoundTitle")}</h1>
        <p className="text-sm text-muted">{t("shared.notFoundBody")}</p>
      </div>
    </main>
  );
}
