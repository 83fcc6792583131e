"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../api";
import { FormAlert } from "../form-ui";

export function SignOutEverywhere() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    if (!window.confirm("Sign out on every device, including this one?")) return;
    setPending(true);
    const r = await callApi("/api/account/sign-out-everywhere", "POST");
    if (!r.ok) {
      setPending(false);
      return setError(r.message);
    }
    router.replace("/sign-in");
    router.refresh();
  }
  return (
    <div className="space-y-3">
      {error && <FormAlert>{error}</FormAlert>}
      <button
        type="button"
        onClick={run}
        disabled={pending}
        className="rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-semibold text-zinc-800 shadow-sm hover:bg-zinc-50 disabled:opacity-60"
      >
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
    </div>
  );
}

export function ExportData() {
  return (
    <a
      href="/api/account/export"
      download
      className="inline-flex rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-semibold text-zinc-800 shadow-sm hover:bg-zinc-50"
    >
      Download my data (JSON)
    </a>
  );
}
