import type Stripe from "stripe";
import type { Ctx } from "../core";
import { emit } from "../events";
import { createCustomer, getCustomer, type CustomerObj } from "../resources/customers";
import { createCardPaymentMethod } from "../resources/payment-methods";
import { sessionLineItems, type SessionObj } from "../resources/checkout-sessions";
import { customerDetails } from "../resources/checkout-session-object";
import { buildInvoice, finalizeInvoice, payInvoice, type InvoiceLineInput } from "./invoice";
import { buildSubscription, currentPeriod } from "./subscription";
import { attemptPayment, type Decline } from "./pay";

export type Payer = { email: string; name: string | null; card: string };

/**
 * Completes a paid checkout in Stripe's event order. Subscription mode:
 * customer.created (if new), checkout.session.completed, customer.subscription.created,
 * invoice.created, invoice.finalized, invoice.paid, invoice.payment_succeeded,
 * payment_intent.succeeded, charge.succeeded. The card has already passed
 * any on-session check (3-D Secure) when we get here.
 */
export function completeCheckout(ctx: Ctx, s: SessionObj, payer: Payer): { decline: Decline | null } {
  const options = ctx.store.state.internal.checkoutOptions[s.id];
  const items = sessionLineItems(ctx, s.id);
  const needsCustomer = s.mode === "subscription" || s.customer || s.customer_creation === "always";
  let customer: CustomerObj | null = s.customer ? getCustomer(ctx, s.customer as string) : null;
  if (!customer && needsCustomer) {
    customer = createCustomer(ctx, { email: payer.email, ...(payer.name ? { name: payer.name } : {}) });
  }
  const pm = createCardPaymentMethod(ctx, payer.card, { email: payer.email, name: payer.name }, customer?.id ?? null);
  s.customer = customer?.id ?? null;
  s.customer_details = customerDetails(customer?.email ?? payer.email, payer.name);
  s.status = "complete";
  s.payment_status = (s.amount_total ?? 0) > 0 ? "paid" : "no_payment_required";
  s.url = null;

  if (s.mode === "payment") {
    const payment = attemptPayment(ctx, {
      amount: s.amount_total ?? 0,
      currency: s.currency ?? "usd",
      customer: customer?.id ?? null,
      paymentMethod: pm,
      description: null,
      metadata: options?.paymentIntentMetadata ?? {},
      receiptEmail: payer.email,
      offSession: false,
    });
    if (payment.decline) return { decline: payment.decline };
    s.payment_intent = payment.pi.id;
    ctx.store.touch();
    emit(ctx, "checkout.session.completed", s);
    payment.emitEvents();
    return { decline: null };
  }

  const cust = customer as CustomerObj;
  const recurring = items.filter((i) => i.price?.type === "recurring");
  const oneTime = items.filter((i) => i.price?.type !== "recurring");
  const trialDays = options?.trialDays ?? null;
  const sub = buildSubscription(ctx, {
    customer: cust.id,
    prices: recurring.map((i) => ({ price: i.price as Stripe.Price, quantity: i.quantity ?? 1 })),
    metadata: options?.subscriptionMetadata ?? {},
    trialDays,
    defaultPaymentMethod: pm.id,
    description: options?.subscriptionDescription ?? null,
  });
  const period = currentPeriod(sub);
  const lines: InvoiceLineInput[] = [
    ...sub.items.data.map((si) => ({
      price: si.price,
      quantity: si.quantity ?? 1,
      period,
      subscriptionItem: si.id,
      description: trialDays
        ? `Trial period for ${items.find((i) => i.price?.id === si.price.id)?.description ?? "plan"}`
        : lineDescription(
            si.quantity ?? 1,
            items.find((i) => i.price?.id === si.price.id)?.description ?? "plan",
            si.price,
          ),
      ...(trialDays ? { amount: 0 } : {}),
    })),
    ...oneTime.map((i) => ({
      price: i.price as Stripe.Price,
      quantity: i.quantity ?? 1,
      period: { start: period.start, end: period.start },
      subscriptionItem: null,
      description: i.description ?? "One-time fee",
    })),
  ];
  const invoice = buildInvoice(ctx, {
    customer: cust,
    subscription: { id: sub.id, metadata: sub.metadata },
    lines,
    billingReason: "subscription_create",
    currency: sub.currency,
  });
  sub.latest_invoice = invoice.id;
  s.subscription = sub.id;
  s.invoice = invoice.id;
  ctx.store.touch();
  emit(ctx, "checkout.session.completed", s);
  emit(ctx, "customer.subscription.created", sub);
  emit(ctx, "invoice.created", invoice);
  finalizeInvoice(ctx, invoice, cust);
  payInvoice(ctx, invoice, pm, false);
  return { decline: null };
}

export function lineDescription(quantity: number, product: string, price: Stripe.Price): string {
  const amount = ((price.unit_amount ?? 0) / 100).toFixed(2);
  const every = price.recurring
    ? ` / ${price.recurring.interval_count > 1 ? `${price.recurring.interval_count} ` : ""}${price.recurring.interval}`
    : "";
  return `${quantity} × ${product} (at ${price.currency.toUpperCase()} ${amount}${every})`;
}
