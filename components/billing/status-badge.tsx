const TONE: Record<string, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  trialing: "bg-sky-50 text-sky-700 ring-sky-200",
  paid: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  complete: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  processed: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  past_due: "bg-amber-50 text-amber-800 ring-amber-200",
  open: "bg-amber-50 text-amber-800 ring-amber-200",
  partially_refunded: "bg-amber-50 text-amber-800 ring-amber-200",
  refunded: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  canceled: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  expired: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
  disputed: "bg-red-50 text-red-700 ring-red-200",
  unpaid: "bg-red-50 text-red-700 ring-red-200",
};

/** A small coloured pill for Stripe-ish statuses (subscription, invoice, payment, event). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[status] ?? "bg-zinc-100 text-zinc-700 ring-zinc-200"}`}
    >
      {status.replace(/_/g, " ")}
    </span>
  );
}
