import { fetchInvoice, mirrorInvoice, type MirroredInvoice } from "../../invoice-mirror";
import { fetchPayment, upsertPayment } from "../../payments";
import { requestBillingEmail } from "../../notify";
import { resetCreditsForPeriod } from "../../entitlements";
import { fetchCustomerSubscriptions, applySubscriptions } from "../../sync-subscription";
import type { Tx } from "@/db";
import { objectOf, type EventHandler } from "./types";

/** Re-reads the invoice, its payments and the customer's subscriptions, then writes them all. */
async function refresh(invoiceId: string, tx: Tx): Promise<MirroredInvoice> {
  const inv = await fetchInvoice(invoiceId);
  const customer = typeof inv.customer === "string" ? inv.customer : (inv.customer?.id ?? null);
  const [subs, intents] = await Promise.all([
    customer ? fetchCustomerSubscriptions(customer) : [],
    Promise.all(
      (inv.payments?.data ?? [])
        .map((p) => p.payment?.payment_intent)
        .filter((pi) => pi != null)
        .map((pi) => fetchPayment(typeof pi === "string" ? pi : pi.id)),
    ),
  ]);
  if (customer) await applySubscriptions(customer, subs, tx);
  const m = await mirrorInvoice(inv, tx);
  for (const pi of intents)
    await upsertPayment(pi, tx, { invoiceId: m.id, subscriptionId: m.subscriptionId, plan: m.plan });
  return m;
}

/** Paid: payment recorded, credits reset for a new period, receipt queued (once per invoice). */
export const invoicePaid: EventHandler = async (event, tx) => {
  const m = await refresh(objectOf(event).id, tx);
  if (m.invoice.status !== "paid") return; // replayed out of order: Stripe now says otherwise
  if (m.subscriptionId && m.periodStart) await resetCreditsForPeriod(m.subscriptionId, m.periodStart, tx);
  if (m.invoice.amount_paid > 0)
    await requestBillingEmail(tx, "receipt", m.userId, m.id, {
      invoiceId: m.id,
      number: m.invoice.number,
      amountPaid: m.invoice.amount_paid,
      currency: m.invoice.currency,
      plan: m.plan,
      hostedInvoiceUrl: m.invoice.hosted_invoice_url,
    });
};

export const invoicePaymentFailed: EventHandler = async (event, tx) => {
  const m = await refresh(objectOf(event).id, tx);
  await requestBillingEmail(tx, "payment_failed", m.userId, `${m.id}-${m.invoice.attempt_count}`, {
    invoiceId: m.id,
    amountDue: m.invoice.amount_due,
    currency: m.invoice.currency,
    attempt: m.invoice.attempt_count,
    nextPaymentAttempt: m.invoice.next_payment_attempt
      ? new Date(m.invoice.next_payment_attempt * 1000).toISOString()
      : null,
    hostedInvoiceUrl: m.invoice.hosted_invoice_url,
    portalUrl: "/api/billing/portal",
  });
};

export const invoiceActionRequired: EventHandler = async (event, tx) => {
  const m = await refresh(objectOf(event).id, tx);
  await requestBillingEmail(tx, "action_required", m.userId, m.id, {
    invoiceId: m.id,
    amountDue: m.invoice.amount_due,
    currency: m.invoice.currency,
    hostedInvoiceUrl: m.invoice.hosted_invoice_url,
  });
};

/** invoice.upcoming is a preview (no invoice id): nothing to store; acknowledged so Stripe stops sending it. */
export const invoiceUpcoming: EventHandler = async () => {};
