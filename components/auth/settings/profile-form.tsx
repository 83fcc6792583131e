"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../api";
import { Field, FormAlert, SubmitButton } from "../form-ui";

export function ProfileForm({
  email,
  name,
  companyName,
}: {
  email: string;
  name: string | null;
  companyName: string | null;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; field?: string } | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setPending(true);
    const r = await callApi("/api/account", "PATCH", {
      name: String(f.get("name") ?? ""),
      companyName: String(f.get("companyName") ?? "") || null,
    });
    setPending(false);
    setResult(r.ok ? { ok: true, message: "Profile saved." } : { ok: false, message: r.message, field: r.field });
    if (r.ok) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="grid max-w-lg gap-4">
      <Field label="Email" name="email" value={email} readOnly disabled hint="Your sign-in address." />
      <Field
        label="Name"
        name="name"
        defaultValue={name ?? ""}
        autoComplete="name"
        required
        error={result?.field === "name" ? result.message : null}
      />
      <Field
        label="Company name"
        name="companyName"
        defaultValue={companyName ?? ""}
        autoComplete="organization"
        hint="Shown on your PDF reports."
        error={result?.field === "companyName" ? result.message : null}
      />
      {result && !result.field && <FormAlert kind={result.ok ? "success" : "error"}>{result.message}</FormAlert>}
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save profile
        </SubmitButton>
      </div>
    </form>
  );
}
