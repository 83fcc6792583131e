"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "@/components/auth/api";
import { Field, FormAlert, SubmitButton } from "@/components/auth/form-ui";

const list = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Starts another audit on the current plan; the server checks credits and limits. */
export function NewAuditForm(props: {
  defaultSite: string;
  keywordLimit: number;
  competitorLimit: number;
  creditsLeft: number;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const f = new FormData(e.currentTarget);
    const res = await callApi<{ id: string; url: string }>("/api/audits", "POST", {
      siteUrl: String(f.get("siteUrl") ?? "").trim(),
      keywords: list(f.get("keywords")),
      competitors: list(f.get("competitors")),
    });
    setPending(false);
    if (!res.ok) return setError({ message: res.message, field: res.field });
    router.push(res.data.url);
  }

  const fieldError = (name: string) => (error?.field === name ? error.message : null);
  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm">
      <div className="flex items-baseline justify-between">
        <h2 className="text-lg font-semibold">Run a new audit</h2>
        <span className="text-sm text-zinc-500">
          {props.creditsLeft} audit{props.creditsLeft === 1 ? "" : "s"} left this period
        </span>
      </div>
      {error && !error.field ? <FormAlert>{error.message}</FormAlert> : null}
      <Field
        label="Site URL"
        name="siteUrl"
        type="url"
        required
        defaultValue={props.defaultSite}
        error={fieldError("siteUrl")}
      />
      <Field
        label="Keywords"
        name="keywords"
        hint={`Comma-separated, up to ${props.keywordLimit}.`}
        error={fieldError("keywords")}
      />
      <Field
        label="Competitors"
        name="competitors"
        hint={`Comma-separated URLs, up to ${props.competitorLimit}.`}
        error={fieldError("competitors")}
      />
      <SubmitButton pending={pending} pendingLabel="Starting…">
        Start audit
      </SubmitButton>
    </form>
  );
}
