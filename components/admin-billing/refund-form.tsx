"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/**
 * Full or partial refund of one payment via POST /api/admin/refunds. The row's
 * status changes only when Stripe's charge.refunded arrives, so after success we
 * say "requested" and refresh.
 */
export function RefundForm({
  paymentId,
  remaining,
  currency,
}: {
  paymentId: string;
  remaining: number;
  currency: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded border border-zinc-300 px-2 py-1 text-xs font-medium hover:bg-zinc-50"
        data-testid={`refund-${paymentId}`}
      >
        Refund…
      </button>
    );
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const raw = String(f.get("amount") ?? "").trim();
    const body: Record<string, unknown> = { paymentId, reason: String(f.get("reason") ?? "") };
    if (raw) body.amount = Math.round(Number(raw) * 100);
    setPending(true);
    setMsg(null);
    const res = await fetch("/api/admin/refunds", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).catch(() => null);
    const data = (await res?.json().catch(() => null)) as {
      refundId?: string;
      replayed?: boolean;
      error?: { message?: string };
    } | null;
    setPending(false);
    if (res?.ok && data?.refundId) {
      setMsg({
        ok: true,
        text: `${data.replayed ? "Already requested" : "Refund requested"} (${data.refundId}); the status updates when Stripe confirms.`,
      });
      router.refresh();
    } else setMsg({ ok: false, text: data?.error?.message ?? "The refund failed." });
  }

  const max = (remaining / 100).toFixed(2);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-2" aria-label={`Refund payment ${paymentId}`}>
      <label className="sr-only" htmlFor={`amt-${paymentId}`}>
        Amount ({currency.toUpperCase()})
      </label>
      <input
        id={`amt-${paymentId}`}
        name="amount"
        inputMode="decimal"
        placeholder={`${max} (full)`}
        className="w-28 rounded border border-zinc-300 px-2 py-1 text-xs"
      />
      <label className="sr-only" htmlFor={`reason-${paymentId}`}>
        Reason
      </label>
      <select
        id={`reason-${paymentId}`}
        name="reason"
        className="rounded border border-zinc-300 px-2 py-1 text-xs"
        defaultValue="requested_by_customer"
      >
        <option value="requested_by_customer">Requested by customer</option>
        <option value="duplicate">Duplicate</option>
        <option value="fraudulent">Fraudulent</option>
      </select>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-red-600 px-2 py-1 text-xs font-semibold text-white hover:bg-red-700 disabled:opacity-60"
      >
        {pending ? "Refunding…" : "Refund"}
      </button>
      <button type="button" onClick={() => setOpen(false)} className="text-xs text-zinc-500 hover:underline">
        Close
      </button>
      {msg ? (
        <p
          role={msg.ok ? "status" : "alert"}
          className={`w-full text-xs ${msg.ok ? "text-emerald-700" : "text-red-700"}`}
        >
          {msg.text}
        </p>
      ) : null}
    </form>
  );
}
