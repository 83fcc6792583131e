"use client";

import { useState } from "react";
import { callApi } from "../api";
import { Field, FormAlert, SubmitButton } from "../form-ui";

export function ChangePasswordForm() {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; field?: string } | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const newPassword = String(f.get("newPassword") ?? "");
    if (newPassword !== String(f.get("confirmPassword") ?? "")) {
      setResult({ ok: false, message: "The two new passwords do not match.", field: "confirmPassword" });
      return;
    }
    setPending(true);
    const r = await callApi<{ message: string }>("/api/account/password", "POST", {
      currentPassword: String(f.get("currentPassword") ?? ""),
      newPassword,
    });
    setPending(false);
    if (r.ok) {
      form.reset();
      setResult({ ok: true, message: r.data.message });
    } else setResult({ ok: false, message: r.message, field: r.field });
  }

  const err = (field: string) => (result?.field === field ? result.message : null);
  return (
    <form onSubmit={onSubmit} className="grid max-w-lg gap-4" noValidate>
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={err("currentPassword")}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        error={err("newPassword")}
        hint="At least 10 characters. Common passwords are refused."
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={err("confirmPassword")}
      />
      {result && !result.field && <FormAlert kind={result.ok ? "success" : "error"}>{result.message}</FormAlert>}
      <div>
        <SubmitButton pending={pending} pendingLabel="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
