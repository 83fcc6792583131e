"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/(auth)/actions";
import { Field, FormAlert, SubmitButton } from "./form-ui";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string | null }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {
    error: initialError ?? null,
    email: "",
  });
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error && <FormAlert>{state.error}</FormAlert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        autoFocus
      />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <div className="flex items-center justify-between">
        <Link href="/forgot-password" className="text-sm text-brand-700 hover:underline">
          Forgot your password?
        </Link>
        <SubmitButton pending={pending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </div>
    </form>
  );
}
