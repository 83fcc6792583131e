import { RefundForm } from "@/components/admin-billing/refund-form";
import { ReplayButton } from "@/components/admin-billing/replay-button";
import { StatusBadge } from "@/components/billing/status-badge";
import { billingKpis, failedStripeEvents, listSubscriptions, recentPayments } from "@/lib/billing/admin-metrics";
import { formatMoney, PLAN_IDS, PLANS } from "@/lib/billing/plans";
import { DataTable } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Billing" };

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Revenue KPIs, funnel, payments with refunds, subscriptions and failed webhook events (admins only, via the layout). */
export default async function AdminBillingPage() {
  const [k, payments, subs, failed] = await Promise.all([
    billingKpis(),
    recentPayments(50),
    listSubscriptions(100),
    failedStripeEvents(50),
  ]);
  const money = (c: number) => formatMoney(c, k.currency);

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Billing</h1>
        <p className="mt-1 text-sm text-zinc-600">
          MRR and ARR at list price from the plans file over active and past-due subscriptions; other figures cover the
          last {k.windowDays} days. Times in UTC.
        </p>
      </div>

      <section aria-label="Key figures" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="kpis">
        <Kpi label="MRR" value={money(k.mrr)} sub={`ARR ${money(k.arr)}`} />
        <Kpi
          label="Active subscriptions"
          value={String(k.activeTotal)}
          sub={
            PLAN_IDS.map((id) => `${PLANS[id].name} ${k.activeByPlan[id]}`).join(" · ") +
            (k.trialing ? ` · ${k.trialing} trialing` : "")
          }
        />
        <Kpi
          label={`Revenue, ${k.windowDays} days`}
          value={money(k.revenue.net)}
          sub={`${money(k.revenue.gross)} gross from ${k.revenue.payments} payment${k.revenue.payments === 1 ? "" : "s"}`}
        />
        <Kpi
          label="Refunds · failed payments"
          value={`${money(k.refunds.amount)} · ${k.failedPayments}`}
          sub={`${k.refunds.count} refunded payment${k.refunds.count === 1 ? "" : "s"}`}
          tone={k.failedPayments ? "warn" : undefined}
        />
      </section>

      <section aria-labelledby="funnel-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
        <h2 id="funnel-title" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
          Checkout funnel ({k.windowDays} days)
        </h2>
        <div className="mt-4 space-y-2" data-testid="funnel">
          {(
            [
              ["Started", k.funnel.started, "bg-zinc-400"],
              ["Completed", k.funnel.completed, "bg-emerald-500"],
              ["Expired", k.funnel.expired, "bg-amber-400"],
              ["Failed", k.funnel.failed, "bg-red-400"],
              ["Still open", k.funnel.open, "bg-sky-400"],
            ] as const
          ).map(([label, n, color]) => (
            <div key={label} className="flex items-center gap-3 text-sm">
              <span className="w-24 text-zinc-600">{label}</span>
              <div className="h-3 flex-1 rounded bg-zinc-100">
                <div
                  className={`h-3 rounded ${color}`}
                  style={{ width: k.funnel.started ? `${(n / k.funnel.started) * 100}%` : "0%" }}
                />
              </div>
              <span className="w-10 text-right font-semibold tabular-nums">{n}</span>
            </div>
          ))}
          <p className="pt-1 text-sm text-zinc-600">
            Conversion: <strong>{pct(k.funnel.conversion)}</strong>
          </p>
        </div>
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title" className="text-lg font-semibold">
          Failed Stripe events
        </h2>
        <DataTable
          empty="No failed events. Every webhook was processed."
          head={["Event", "Type", "Received", "Attempts", "Error", ""]}
          rows={failed.map((e) => [
            <span key="id" className="font-mono text-xs">
              {e.id}
            </span>,
            e.type,
            when(e.receivedAt),
            String(e.attempts),
            <span key="err" className="block max-w-md text-xs whitespace-normal text-red-700 [overflow-wrap:anywhere]">
              {e.error ?? "—"}
            </span>,
            <ReplayButton key="r" eventId={e.id} />,
          ])}
        />
      </section>

      <section aria-labelledby="payments-title">
        <h2 id="payments-title" className="text-lg font-semibold">
          Recent payments
        </h2>
        <DataTable
          empty="No payments yet."
          head={["Date", "Customer", "Plan", "Amount", "Refunded", "Status", "Refund"]}
          rows={payments.map((p) => [
            when(p.createdAt),
            p.email ?? "—",
            p.plan ?? "—",
            money(p.amount),
            p.amountRefunded ? money(p.amountRefunded) : "—",
            <span key="s" title={p.failureMessage ?? undefined}>
              <StatusBadge status={p.status} />
            </span>,
            p.status === "succeeded" || p.status === "partially_refunded" ? (
              <RefundForm key="f" paymentId={p.id} remaining={p.amount - p.amountRefunded} currency={p.currency} />
            ) : (
              "—"
            ),
          ])}
        />
      </section>

      <section aria-labelledby="subs-title">
        <h2 id="subs-title" className="text-lg font-semibold">
          Subscriptions
        </h2>
        <DataTable
          empty="No subscriptions yet."
          head={["Customer", "Plan", "Status", "Period end", "Audits used", "Since"]}
          rows={subs.map((s) => [
            s.email ?? "—",
            `${s.plan} · ${s.interval === "year" ? "annual" : "monthly"}`,
            <span key="s">
              <StatusBadge status={s.status} />
              {s.cancelAtPeriodEnd ? <span className="ml-1 text-xs text-amber-700">ends</span> : null}
            </span>,
            when(s.currentPeriodEnd),
            String(s.auditsUsed),
            when(s.createdAt),
          ])}
        />
      </section>
    </div>
  );
}

function Kpi({ label, value, sub, tone }: { label: string; value: string; sub?: string; tone?: "warn" }) {
  return (
    <div
      className={`rounded-xl border bg-white p-5 shadow-sm ${tone === "warn" ? "border-amber-300" : "border-zinc-200"}`}
    >
      <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</p>
      <p className="mt-2 text-2xl font-bold tabular-nums">{value}</p>
      {sub ? <p className="mt-1 text-xs text-zinc-500">{sub}</p> : null}
    </div>
  );
}
