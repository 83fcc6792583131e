import type Stripe from "stripe";
import type { Ctx } from "../core";
import { emit, snapshot } from "../events";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import type { CustomerObj } from "../resources/customers";
import type { PaymentMethodObj } from "../resources/payment-methods";
import { buildLines, type InvoiceLineInput } from "./invoice-lines";
import { attemptPayment, type PaymentIntentObj, type PaymentResult } from "./pay";

/** `subscription` is gone from the typed Invoice in this API version but is in Stripe's example object. */
export type InvoiceObj = Stripe.Invoice & StoredObject & { subscription: string | null };

export type { InvoiceLineInput } from "./invoice-lines";

const ADDRESS = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

/** A draft invoice; the caller emits invoice.created when it fits the flow's event order. */
export function buildInvoice(
  ctx: Ctx,
  o: {
    customer: CustomerObj;
    subscription: { id: string; metadata: Record<string, string> } | null;
    lines: InvoiceLineInput[];
    billingReason: Stripe.Invoice.BillingReason;
    currency: string;
  },
): InvoiceObj {
  const now = ctx.store.now();
  const id = randomId("in");
  const lines = buildLines(id, o.currency, o.subscription?.id ?? null, o.lines);
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const periodStart = Math.min(...o.lines.map((l) => l.period.start), now);
  const invoice: InvoiceObj = {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "SEO Health Report (emulator)",
    account_tax_ids: null,
    amount_due: Math.max(total, 0),
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: Math.max(total, 0),
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: o.billingReason,
    collection_method: "charge_automatically",
    created: now,
    currency: o.currency,
    custom_fields: null,
    customer: o.customer.id,
    customer_account: null,
    customer_address: o.customer.address ?? ADDRESS,
    customer_email: o.customer.email,
    customer_name: o.customer.name ?? null,
    customer_phone: o.customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: o.subscription
      ? {
          type: "subscription_details",
          quote_details: null,
          subscription_details: { metadata: o.subscription.metadata, subscription: o.subscription.id },
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: Math.max(...o.lines.map((l) => l.period.end), now),
    period_start: periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subscription: o.subscription?.id ?? null,
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  } as InvoiceObj;
  return ctx.store.put(invoice);
}

export function finalizeInvoice(ctx: Ctx, inv: InvoiceObj, customer: CustomerObj): void {
  const now = ctx.store.now();
  inv.status = "open";
  inv.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence ?? 1).padStart(4, "0")}`;
  customer.next_invoice_sequence = (customer.next_invoice_sequence ?? 1) + 1;
  inv.hosted_invoice_url = `${ctx.publicUrl()}/invoice/${inv.id}`;
  inv.invoice_pdf = `${ctx.publicUrl()}/invoice/${inv.id}/pdf`;
  inv.effective_at = now;
  inv.status_transitions.finalized_at = now;
  inv.webhooks_delivered_at = now;
  ctx.store.touch();
  emit(ctx, "invoice.finalized", inv);
}

/**
 * Charges an open invoice. Success: invoice.paid, invoice.payment_succeeded,
 * payment_intent.succeeded, charge.succeeded. Failure: invoice.payment_failed,
 * payment_intent.payment_failed, charge.failed. Zero totals are paid without a charge.
 */
export function payInvoice(
  ctx: Ctx,
  inv: InvoiceObj,
  pm: PaymentMethodObj | null,
  offSession: boolean,
  nextAttempt: number | null = null,
): { paid: boolean; payment: PaymentResult | null } {
  const now = ctx.store.now();
  inv.attempted = true;
  inv.attempt_count += 1;
  if (inv.amount_due <= 0) {
    markPaid(inv, now);
    emit(ctx, "invoice.paid", inv);
    emit(ctx, "invoice.payment_succeeded", inv);
    return { paid: true, payment: null };
  }
  if (!pm) {
    inv.next_payment_attempt = nextAttempt;
    ctx.store.touch();
    emit(ctx, "invoice.payment_failed", inv);
    return { paid: false, payment: null };
  }
  const payments = (ctx.store.state.internal.invoicePayments[inv.id] ??= []);
  const existing = payments.length
    ? ctx.store.get<PaymentIntentObj>(payments[payments.length - 1] as string)
    : undefined;
  const payment = attemptPayment(ctx, {
    amount: inv.amount_due,
    currency: inv.currency,
    customer: inv.customer as string,
    paymentMethod: pm,
    description: inv.billing_reason === "subscription_create" ? "Subscription creation" : "Subscription update",
    receiptEmail: inv.customer_email,
    offSession,
    existing,
  });
  if (!existing) payments.push(payment.pi.id);
  inv.default_payment_method = pm.id;
  if (payment.decline) {
    inv.next_payment_attempt = nextAttempt;
    ctx.store.touch();
    emit(ctx, "invoice.payment_failed", inv);
  } else {
    markPaid(inv, now);
    emit(ctx, "invoice.paid", inv);
    emit(ctx, "invoice.payment_succeeded", inv);
  }
  payment.emitEvents();
  return { paid: !payment.decline, payment };
}

function markPaid(inv: InvoiceObj, now: number): void {
  inv.status = "paid";
  inv.amount_paid = inv.amount_due;
  inv.amount_remaining = 0;
  inv.next_payment_attempt = null;
  inv.status_transitions.paid_at = now;
}

export function voidInvoice(ctx: Ctx, inv: InvoiceObj): void {
  const before = snapshot(inv);
  inv.status = "void";
  inv.next_payment_attempt = null;
  inv.status_transitions.voided_at = ctx.store.now();
  ctx.store.touch();
  emit(ctx, "invoice.voided", inv);
  emit(ctx, "invoice.updated", inv, before);
}
