import Link from "next/link";
import { AuditLive } from "@/components/audits/audit-live";
import { requireUser } from "@/lib/auth/current-user";
import { checkoutOutcome } from "@/lib/billing/checkout-outcome";
import { isPlanId, PLANS } from "@/lib/billing/plans";

export const dynamic = "force-dynamic";
export const metadata = { title: "Payment received" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Stripe's success_url: fulfils the checkout (idempotently, like the webhook) and shows the queued audit live. */
export default async function CheckoutSuccessPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const sessionId = typeof sp.session_id === "string" ? sp.session_id : "";
  const user = await requireUser(`/checkout/success?session_id=${encodeURIComponent(sessionId)}`);
  const outcome = sessionId ? await checkoutOutcome(sessionId, user) : { status: "unknown" as const, audit: null };
  const { status, audit } = outcome;

  if ((status === "fulfilled" || status === "already_fulfilled") && audit) {
    return (
      <div className="mx-auto max-w-2xl space-y-6" data-testid="checkout-success">
        <div className="rounded-xl border border-emerald-200 bg-emerald-50 p-6">
          <h1 className="text-2xl font-bold text-emerald-900">Payment received — thank you!</h1>
          <p className="mt-2 text-emerald-900">
            Your {isPlanId(audit.plan) ? PLANS[audit.plan].name : audit.plan} plan is active and the first audit of{" "}
            <strong className="break-all">{audit.siteUrl}</strong> is queued. You can leave this page: we email you when
            the report is ready.
          </p>
        </div>
        <AuditLive auditId={audit.id} initial={audit} />
        <div className="flex gap-4 text-sm">
          <Link href={`/dashboard/audits/${audit.id}`} className="font-semibold text-brand-700 hover:underline">
            Open the audit →
          </Link>
          <Link href="/dashboard/billing" className="text-zinc-600 hover:underline">
            Billing and invoices
          </Link>
        </div>
      </div>
    );
  }

  if (status === "fulfilled" || status === "already_fulfilled") {
    return (
      <div
        className="mx-auto max-w-2xl rounded-xl border border-emerald-200 bg-emerald-50 p-6"
        data-testid="checkout-success"
      >
        <h1 className="text-2xl font-bold text-emerald-900">Payment received — thank you!</h1>
        <p className="mt-2 text-emerald-900">
          Your plan is active. Your audits appear on the{" "}
          <Link href="/dashboard" className="font-semibold underline">
            dashboard
          </Link>
          .
        </p>
      </div>
    );
  }

  if (status === "pending_payment") {
    return (
      <div className="mx-auto max-w-2xl rounded-xl border border-sky-200 bg-sky-50 p-6" data-testid="checkout-pending">
        {/* No JavaScript needed: the page re-checks every 5 seconds until the payment settles. */}
        <meta httpEquiv="refresh" content="5" />
        <h1 className="text-2xl font-bold text-sky-900">Confirming your payment…</h1>
        <p className="mt-2 text-sky-900">
          Your bank has not confirmed the payment yet. This page refreshes by itself; your audit starts as soon as the
          payment succeeds, and we email you either way.
        </p>
      </div>
    );
  }

  const message =
    status === "failed"
      ? "The payment did not go through, so you have not been charged and no audit was started."
      : status === "expired"
        ? "This checkout expired before it was paid. You have not been charged."
        : "We could not find this checkout for your account.";
  return (
    <div
      className="mx-auto max-w-2xl rounded-xl border border-zinc-200 bg-white p-6 shadow-sm"
      data-testid="checkout-problem"
    >
      <h1 className="text-2xl font-bold">{status === "unknown" ? "Checkout not found" : "Payment not completed"}</h1>
      <p className="mt-2 text-zinc-700">{message}</p>
      <div className="mt-5 flex gap-3">
        <Link
          href="/pricing"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          Back to pricing
        </Link>
        <Link
          href="/dashboard"
          className="rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold hover:bg-zinc-50"
        >
          Dashboard
        </Link>
      </div>
    </div>
  );
}
