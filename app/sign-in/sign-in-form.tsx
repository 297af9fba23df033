"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";
import { signInAction, type SignInState } from "./actions";

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: null });
  const t = useT();
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="next" value={next} />
      <label className="flex flex-col gap-1 text-sm">
        {t("signIn.password")}
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "sign-in-error" : undefined}
          className="h-10 rounded-lg border border-line bg-paper px-3 focus:border-focus focus:outline-none"
        />
      </label>
      {state.error ? (
        <p id="sign-in-error" role="alert" className="text-sm text-bad">
          {t(state.error, { minutes: state.minutes ?? 1 })}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={pending} className="h-10">
        {t("signIn.submit")}
      </Button>
    </form>
  );
}
