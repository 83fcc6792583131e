"use client";

import Link from "next/link";
import { useState } from "react";
import { callApi } from "./api";
import { Field, FormAlert, SubmitButton } from "./form-ui";

export function ResetPasswordForm({ token }: { token: string }) {
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const password = String(f.get("password") ?? "");
    if (password !== String(f.get("confirm") ?? "")) {
      setError({ message: "The two passwords do not match.", field: "confirm" });
      return;
    }
    setPending(true);
    setError(null);
    const r = await callApi("/api/auth/password-reset/confirm", "POST", { token, password });
    setPending(false);
    if (r.ok) setDone(true);
    else setError({ message: r.message, field: r.field });
  }

  if (done) {
    return (
      <div className="space-y-4">
        <FormAlert kind="success">Your password was changed and every session was signed out.</FormAlert>
        <Link href="/sign-in?reset=1" className="inline-block text-sm font-semibold text-brand-700 hover:underline">
          Sign in with your new password →
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error?.field === "token" && (
        <FormAlert>
          {error.message}{" "}
          <Link href="/forgot-password" className="font-semibold underline">
            Request a new link
          </Link>
        </FormAlert>
      )}
      {error && !["token", "password", "confirm"].includes(error.field ?? "") && <FormAlert>{error.message}</FormAlert>}
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        error={error?.field === "password" ? error.message : null}
        hint="At least 10 characters. Common passwords are refused."
      />
      <Field
        label="Repeat the new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={error?.field === "confirm" ? error.message : null}
      />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
