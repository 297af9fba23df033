import type { Metadata } from "next";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-card border border-line bg-surface p-6 shadow-card">
        <h1 className="text-lg font-semibold tracking-tight">Sign in to Loupe</h1>
        <p className="mt-1 mb-5 text-sm text-muted">This studio is shared by a team. Enter its password.</p>
        <SignInForm next={typeof next === "string" ? next : "/"} />
      </div>
    </main>
  );
}
