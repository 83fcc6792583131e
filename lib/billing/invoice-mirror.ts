import type Stripe from "stripe";
import { sql } from "drizzle-orm";
import { schema, type Tx } from "@/db";
import type { InvoiceLine } from "@/db/schema/billing";
import { catalogueEntryForPrice } from "./prices";
import { userIdForCustomer } from "./customers";
import { stripe } from "./stripe-client";

export type MirroredInvoice = {
  id: string;
  userId: string | null;
  subscriptionId: string | null;
  plan: string | null;
  /** Start of the subscription period this invoice pays for (its recurring line). */
  periodStart: Date | null;
  paymentIntentIds: string[];
  invoice: Stripe.Invoice;
};

const ts = (s: number | null | undefined) => (s ? new Date(s * 1000) : null);

export async function fetchInvoice(invoiceId: string): Promise<Stripe.Invoice> {
  return stripe().invoices.retrieve(invoiceId, { expand: ["payments"] });
}

function subscriptionOf(inv: Stripe.Invoice): string | null {
  const sub = inv.parent?.subscription_details?.subscription;
  return sub == null ? null : typeof sub === "string" ? sub : sub.id;
}

function priceOf(line: Stripe.InvoiceLineItem): string | null {
  const p = line.pricing?.price_details?.price;
  return p == null ? null : typeof p === "string" ? p : p.id;
}

/** Upserts our copy of a Stripe invoice (status, totals, lines with lookup keys, links). */
export async function mirrorInvoice(inv: Stripe.Invoice, tx: Tx): Promise<MirroredInvoice> {
  const customer = typeof inv.customer === "string" ? inv.customer : (inv.customer?.id ?? "");
  const userId = customer ? await userIdForCustomer(customer, tx) : null;
  const lines: InvoiceLine[] = [];
  let plan: string | null = null;
  let periodStart: Date | null = null;
  for (const l of inv.lines.data) {
    const entry = await catalogueEntryForPrice(priceOf(l), tx);
    lines.push({
      description: l.description ?? "",
      amount: l.amount,
      quantity: l.quantity ?? 1,
      ...(entry ? { priceLookupKey: entry.lookupKey } : {}),
    });
    if (entry?.kind === "recurring" && !l.parent?.subscription_item_details?.proration) {
      plan = entry.plan;
      periodStart = ts(l.period.start);
    }
  }
  const subscriptionId = subscriptionOf(inv);
  const values = {
    id: inv.id!,
    userId,
    stripeCustomerId: customer,
    subscriptionId,
    number: inv.number,
    status: inv.status ?? "draft",
    currency: inv.currency,
    subtotal: inv.subtotal,
    total: inv.total,
    amountPaid: inv.amount_paid,
    amountDue: inv.amount_due,
    hostedInvoiceUrl: inv.hosted_invoice_url ?? null,
    invoicePdf: inv.invoice_pdf ?? null,
    lines,
    customerEmail: inv.customer_email,
    customerName: inv.customer_name,
    periodStart: ts(inv.period_start),
    periodEnd: ts(inv.period_end),
    paidAt: ts(inv.status_transitions?.paid_at),
  };
  const { id: _id, ...update } = values;
  const t = schema.invoices;
  await tx
    .insert(t)
    .values(values)
    .onConflictDoUpdate({ target: t.id, set: { ...update, userId: sql`coalesce(${userId}, ${t.userId})` } });
  const paymentIntentIds = (inv.payments?.data ?? [])
    .map((p) => p.payment?.payment_intent)
    .map((pi) => (pi == null ? null : typeof pi === "string" ? pi : pi.id))
    .filter((pi): pi is string => Boolean(pi));
  return { id: inv.id!, userId, subscriptionId, plan, periodStart, paymentIntentIds, invoice: inv };
}
