"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../api";
import { Field, FormAlert, SubmitButton } from "../form-ui";

export function DeleteAccount() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get("deletePassword") ?? "");
    setPending(true);
    setError(null);
    const r = await callApi("/api/account", "DELETE", { password });
    if (!r.ok) {
      setPending(false);
      return setError({ message: r.message, field: r.field });
    }
    router.replace("/?account=deleted");
    router.refresh();
  }

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50"
      >
        Delete my account…
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} className="max-w-lg space-y-4" noValidate>
      <FormAlert>
        This cancels any subscription, deletes your audits, reports and API tokens, and erases your personal details.
        Payment records are kept, anonymised, for accounting. This cannot be undone.
      </FormAlert>
      <Field
        label="Enter your password to confirm"
        name="deletePassword"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        error={error?.field === "password" ? error.message : null}
      />
      {error && error.field !== "password" && <FormAlert>{error.message}</FormAlert>}
      <div className="flex gap-3">
        <SubmitButton variant="danger" pending={pending} pendingLabel="Deleting…">
          Delete my account permanently
        </SubmitButton>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="rounded-md px-4 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
