"use client";

import { useState } from "react";
import { callApi } from "./api";
import { Field, FormAlert, SubmitButton } from "./form-ui";

export function ForgotPasswordForm() {
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "");
    setPending(true);
    setError(null);
    const r = await callApi<{ message: string }>("/api/auth/password-reset/request", "POST", { email });
    setPending(false);
    if (r.ok) setSent(r.data.message);
    else setError({ message: r.message, field: r.field });
  }

  if (sent) return <FormAlert kind="success">{sent}</FormAlert>;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && error.field !== "email" && <FormAlert>{error.message}</FormAlert>}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        error={error?.field === "email" ? error.message : null}
      />
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Send reset link
      </SubmitButton>
    </form>
  );
}
