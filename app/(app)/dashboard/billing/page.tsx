import Link from "next/link";
import { PortalButton } from "@/components/billing/portal-button";
import { StatusBadge } from "@/components/billing/status-badge";
import { requireUser } from "@/lib/auth/current-user";
import { billingOverview } from "@/lib/billing/billing-overview";
import { formatMoney } from "@/lib/billing/plans";
import { DataTable } from "@/components/ui/data-table";

export const metadata = { title: "Billing" };
export const dynamic = "force-dynamic";

const day = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "—");

/** Current plan, credits, period end, portal, invoices (PDF) and payments. */
export default async function BillingPage() {
  const user = await requireUser("/dashboard/billing");
  const {
    subscription: sub,
    plan,
    entitlement,
    invoices,
    payments,
    hasBillingAccount,
  } = await billingOverview(user.id);

  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href="/dashboard" className="text-sm text-zinc-500 hover:underline">
            ← Dashboard
          </Link>
          <h1 className="mt-2 text-2xl font-bold">Billing</h1>
        </div>
        {hasBillingAccount ? <PortalButton /> : null}
      </div>

      <section aria-labelledby="plan-title" className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
        <h2 id="plan-title" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
          Current plan
        </h2>
        {sub && plan ? (
          <div className="mt-3 grid gap-6 sm:grid-cols-4" data-testid="current-plan">
            <div>
              <p className="text-2xl font-bold">{plan.name}</p>
              <p className="text-sm text-zinc-600">
                {formatMoney(plan.prices[sub.interval === "year" ? "year" : "month"])} /{" "}
                {sub.interval === "year" ? "year" : "month"}
              </p>
              <p className="mt-2">
                <StatusBadge status={sub.status} />
                {sub.cancelAtPeriodEnd ? (
                  <span className="ml-2 text-xs text-amber-700">cancels at period end</span>
                ) : null}
              </p>
            </div>
            <Stat
              label="Audits left this period"
              value={entitlement.allowed ? `${entitlement.creditsLeft} of ${plan.limits.auditsPerPeriod}` : "0"}
            />
            <Stat
              label={sub.cancelAtPeriodEnd || sub.status === "canceled" ? "Access until" : "Renews on"}
              value={day(entitlement.allowed ? entitlement.periodEnd : (sub.endedAt ?? sub.currentPeriodEnd))}
            />
            <Stat
              label="Limits"
              value={`${plan.limits.pagesPerAudit.toLocaleString("en-US")} pages · ${plan.limits.keywords.toLocaleString("en-US")} keywords · ${plan.limits.competitors} competitor${plan.limits.competitors === 1 ? "" : "s"}`}
              small
            />
          </div>
        ) : (
          <p className="mt-3 text-zinc-600">
            You have no plan yet.{" "}
            <Link href="/pricing" className="font-semibold text-brand-700 hover:underline">
              Choose a plan
            </Link>{" "}
            to start auditing.
          </p>
        )}
        {!entitlement.allowed && sub ? (
          <div
            role="status"
            className="mt-5 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            <p>{entitlement.reason}</p>
            <div className="mt-2">
              {entitlement.action.href === "/api/billing/portal" ? (
                <PortalButton label={entitlement.action.label} variant="secondary" />
              ) : (
                <Link href={entitlement.action.href} className="font-semibold underline">
                  {entitlement.action.label}
                </Link>
              )}
            </div>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="invoices-title">
        <h2 id="invoices-title" className="text-lg font-semibold">
          Invoices
        </h2>
        <DataTable
          empty="No invoices yet."
          head={["Number", "Date", "Period", "Total", "Status", ""]}
          rows={invoices.map((i) => [
            i.number ?? i.id,
            day(i.createdAt),
            `${day(i.periodStart)} → ${day(i.periodEnd)}`,
            formatMoney(i.total, i.currency),
            <StatusBadge key="s" status={i.status} />,
            <span key="l" className="flex gap-3">
              <a
                href={`/api/invoices/${i.id}`}
                className="font-semibold text-brand-700 hover:underline"
                data-testid="invoice-pdf"
              >
                PDF
              </a>
              {i.hostedInvoiceUrl ? (
                <a href={i.hostedInvoiceUrl} className="text-zinc-600 hover:underline" rel="noreferrer">
                  View online
                </a>
              ) : null}
            </span>,
          ])}
        />
      </section>

      <section aria-labelledby="payments-title">
        <h2 id="payments-title" className="text-lg font-semibold">
          Payments
        </h2>
        <DataTable
          empty="No payments yet."
          head={["Date", "Plan", "Amount", "Refunded", "Status"]}
          rows={payments.map((p) => [
            day(p.createdAt),
            p.plan ?? "—",
            formatMoney(p.amount, p.currency),
            p.amountRefunded ? formatMoney(p.amountRefunded, p.currency) : "—",
            <span key="s" title={p.failureMessage ?? undefined}>
              <StatusBadge status={p.status} />
            </span>,
          ])}
        />
      </section>
    </div>
  );
}

function Stat({ label, value, small }: { label: string; value: string; small?: boolean }) {
  return (
    <div>
      <p className="text-xs font-medium text-zinc-500">{label}</p>
      <p className={`mt-1 font-semibold tabular-nums ${small ? "text-sm" : "text-xl"}`}>{value}</p>
    </div>
  );
}
