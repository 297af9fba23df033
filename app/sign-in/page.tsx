import type { Metadata } from "next";
import { I18nBoundary } from "@/lib/i18n/boundary";
import { getTranslator } from "@/lib/i18n/server";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const { t } = await getTranslator();
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-card border border-line bg-surface p-6 shadow-card">
        <h1 className="text-lg font-semibold tracking-tight">{t("signIn.title")}</h1>
        <p className="mt-1 mb-5 text-sm text-muted">{t("signIn.intro")}</p>
        <I18nBoundary>
          <SignInForm next={typeof next === "string" ? next : "/"} />
        </I18nBoundary>
      </div>
    </main>
  );
}
