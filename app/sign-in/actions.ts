"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNext } from "@/lib/auth/safe-next";
import { checkPassword, SIGN_IN_COOKIE, signInCookieValue } from "@/lib/auth/team-password";
import { LoupeError } from "@/lib/errors";
import { currentClientIp } from "@/lib/limits/client-ip";
import { consumeRateLimit, resetRateLimit } from "@/lib/limits/rate-limits";

/** A message key, so the form says it in the UI language; `minutes` says when to try again after too many attempts. */
export type SignInState = { error: "signIn.empty" | "signIn.wrong" | "signIn.tooMany" | null; minutes?: number };

export async function signInAction(_state: SignInState, form: FormData): Promise<SignInState> {
  const password = form.get("password");
  if (typeof password !== "string" || password.length === 0) return { error: "signIn.empty" };
  // Every attempt from an address counts, so guessing the team password is slow whatever the cookies say.
  const ip = await currentClientIp();
  const refused = await consumeRateLimit({ rule: "sign-in-ip", key: ip }).then(
    () => null,
    (error: unknown) => {
      if (error instanceof LoupeError && error.code === "rate_limited") return { error: "signIn.tooMany" as const, minutes: Math.ceil((error.retryAfterSeconds ?? 60) / 60) };
      throw error;
    },
  );
  if (refused) return refused;
  if (password.length > 1000 || !checkPassword(password)) return { error: "signIn.wrong" };
  await resetRateLimit({ rule: "sign-in-ip", key: ip });
  (await cookies()).set(SIGN_IN_COOKIE, signInCookieValue(), {
    httpOnly: true,
    sameSite: "lax",
    secure: (await headers()).get("x-forwarded-proto") === "https",
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
  redirect(safeNext(form.get("next")));
}
