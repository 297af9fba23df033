"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { checkPassword, SIGN_IN_COOKIE, signInCookieValue } from "@/lib/auth/team-password";

/** A message key, so the form says it in the UI language. */
export type SignInState = { error: "signIn.empty" | "signIn.wrong" | null };

/** Only same-site paths: a sign-in link must not bounce people to another site. */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export async function signInAction(_state: SignInState, form: FormData): Promise<SignInState> {
  const password = form.get("password");
  if (typeof password !== "string" || password.length === 0) return { error: "signIn.empty" };
  if (password.length > 1000 || !checkPassword(password)) return { error: "signIn.wrong" };
  (await cookies()).set(SIGN_IN_COOKIE, signInCookieValue(), {
    httpOnly: true,
    sameSite: "lax",
    secure: (await headers()).get("x-forwarded-proto") === "https",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
  redirect(safeNext(form.get("next")));
}
