"use client";

import { useState } from "react";
import { callApi } from "../api";
import { Field, FormAlert, SubmitButton } from "../form-ui";

export type TokenView = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

// Deterministic (UTC) so server and browser render the same text: no hydration mismatch across locales.
const fmt = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "Never");

export function ApiTokens({ initial }: { initial: TokenView[] }) {
  const [tokens, setTokens] = useState(initial);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get("tokenName") ?? "");
    setPending(true);
    setError(null);
    const r = await callApi<{ token: string; tokenInfo: TokenView }>("/api/account/tokens", "POST", { name });
    setPending(false);
    if (!r.ok) return setError(r.message);
    form.reset();
    setCopied(false);
    setCreated({ name: r.data.tokenInfo.name, token: r.data.token });
    setTokens((t) => [r.data.tokenInfo, ...t]);
  }

  async function revoke(t: TokenView) {
    if (!window.confirm(`Revoke "${t.name}"? Scripts using it stop working immediately.`)) return;
    const r = await callApi(`/api/account/tokens/${t.id}`, "DELETE");
    if (!r.ok) return setError(r.message);
    setTokens((list) => list.filter((x) => x.id !== t.id));
  }

  async function copy() {
    if (!created) return;
    await navigator.clipboard.writeText(created.token).catch(() => {});
    setCopied(true);
  }

  return (
    <div className="space-y-5">
      {created && (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="text-sm font-semibold text-amber-900">
            Copy your new token “{created.name}” now — it will not be shown again.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="new-api-token"
              className="min-w-0 flex-1 overflow-x-auto rounded bg-white px-3 py-2 font-mono text-sm text-zinc-900 ring-1 ring-amber-200"
            >
              {created.token}
            </code>
            <button
              type="button"
              onClick={copy}
              className="rounded-md border border-amber-300 bg-white px-3 py-2 text-sm font-medium text-amber-900 hover:bg-amber-100"
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="mt-2 text-xs text-amber-800">
            Use it as <code className="font-mono">Authorization: Bearer …</code> on the API.
          </p>
        </div>
      )}
      {error && <FormAlert>{error}</FormAlert>}
      <form onSubmit={create} className="flex max-w-lg items-end gap-3">
        <div className="flex-1">
          <Field label="Token name" name="tokenName" placeholder="e.g. CI pipeline" required maxLength={80} />
        </div>
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create token
        </SubmitButton>
      </form>
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-500">You have no active tokens.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Active API tokens</caption>
            <thead className="border-b border-zinc-200 text-xs tracking-wide text-zinc-500 uppercase">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Token
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Created
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Last used
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td className="py-2.5 pr-4 font-medium text-zinc-900">{t.name}</td>
                  <td className="py-2.5 pr-4 font-mono text-zinc-600">{t.prefix}…</td>
                  <td className="py-2.5 pr-4 text-zinc-600">{fmt(t.createdAt)}</td>
                  <td className="py-2.5 pr-4 text-zinc-600">{fmt(t.lastUsedAt)}</td>
                  <td className="py-2.5 text-right">
                    <button
                      type="button"
                      onClick={() => revoke(t)}
                      className="rounded px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
                      aria-label={`Revoke token ${t.name}`}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
