"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "./api";
import { Field, FormAlert, SubmitButton } from "./form-ui";

export function RegisterForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const r = await callApi("/api/auth/register", "POST", {
      name: String(f.get("name") ?? ""),
      email: String(f.get("email") ?? ""),
      password: String(f.get("password") ?? ""),
    });
    if (!r.ok) {
      setPending(false);
      setError({ message: r.message, field: r.field });
      return;
    }
    // The response set the session cookie: we are signed in.
    router.replace(callbackUrl);
    router.refresh();
  }

  const fieldError = (name: string) => (error?.field === name ? error.message : null);
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && !["name", "email", "password"].includes(error.field ?? "") && <FormAlert>{error.message}</FormAlert>}
      <Field label="Name" name="name" autoComplete="name" required error={fieldError("name")} autoFocus />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldError("email")} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        error={fieldError("password")}
        hint="At least 10 characters. Common passwords are refused."
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
