import type Stripe from "stripe";
import type { Ctx } from "../core";
import { emit, snapshot } from "../events";
import { getCustomer } from "../resources/customers";
import { getProduct } from "../resources/products";
import type { PaymentMethodObj } from "../resources/payment-methods";
import { buildInvoice, finalizeInvoice, payInvoice, type InvoiceLineInput } from "./invoice";
import { currentPeriod, periodEndFrom, planOf, type SubscriptionObj } from "./subscription";
import { lineDescription } from "./checkout-complete";

export function defaultPaymentMethod(ctx: Ctx, sub: Stripe.Subscription): PaymentMethodObj | null {
  const id =
    (sub.default_payment_method as string | null) ??
    (getCustomer(ctx, sub.customer as string).invoice_settings.default_payment_method as string | null);
  return id ? (ctx.store.get<PaymentMethodObj>(id, "payment_method") ?? null) : null;
}

export function cancelNow(
  ctx: Ctx,
  sub: SubscriptionObj,
  reason: Stripe.Subscription.CancellationDetails.Reason,
): void {
  const now = ctx.store.now();
  sub.status = "canceled";
  sub.canceled_at ??= now;
  sub.ended_at = now;
  sub.cancel_at_period_end = false;
  sub.cancellation_details = {
    ...(sub.cancellation_details ?? { comment: null, feedback: null }),
    reason,
  } as Stripe.Subscription.CancellationDetails;
  delete ctx.store.state.internal.dunningStart[sub.id];
  ctx.store.touch();
  emit(ctx, "customer.subscription.deleted", sub);
}

export function setCancelAtPeriodEnd(ctx: Ctx, sub: SubscriptionObj, on: boolean, feedback?: string | null): void {
  if (sub.cancel_at_period_end === on) return;
  const before = snapshot(sub);
  sub.cancel_at_period_end = on;
  sub.cancel_at = on ? currentPeriod(sub).end : null;
  sub.canceled_at = on ? ctx.store.now() : null;
  sub.cancellation_details = {
    comment: null,
    feedback: on ? ((feedback ?? null) as Stripe.Subscription.CancellationDetails.Feedback | null) : null,
    reason: on ? "cancellation_requested" : null,
  } as Stripe.Subscription.CancellationDetails;
  ctx.store.touch();
  emit(ctx, "customer.subscription.updated", sub, before);
}

type Proration = "create_prorations" | "none" | "always_invoice";

/**
 * Switches one item to another price. Same interval: the period is kept;
 * with `always_invoice` the unused time of the old price is credited and the
 * rest of the period of the new one charged at once. A different interval
 * restarts the period and always invoices, as Stripe does.
 */
export function switchPrice(
  ctx: Ctx,
  sub: SubscriptionObj,
  item: Stripe.SubscriptionItem,
  price: Stripe.Price,
  quantity: number,
  proration: Proration,
): void {
  const before = snapshot(sub);
  const now = ctx.store.now();
  const old = { price: item.price, quantity: item.quantity ?? 1 };
  const period = currentPeriod(sub);
  const sameInterval =
    old.price.recurring?.interval === price.recurring?.interval &&
    old.price.recurring?.interval_count === price.recurring?.interval_count;
  item.price = price;
  item.plan = planOf(price);
  item.quantity = quantity;
  let lines: InvoiceLineInput[] = [];
  const product = getProduct(ctx, price.product as string).name;
  const oldProduct = getProduct(ctx, old.price.product as string).name;
  const fraction = Math.max(0, Math.min(1, (period.end - now) / Math.max(1, period.end - period.start)));
  const credit = -Math.round((old.price.unit_amount ?? 0) * old.quantity * fraction);
  // The credit for the rest of the period on the old price, on every proration invoice.
  const unused = {
    price: old.price,
    quantity: old.quantity,
    period: { start: now, end: period.end },
    subscriptionItem: item.id,
    description: `Unused time on ${oldProduct}`,
    amount: credit,
    proration: true,
  };
  if (!sameInterval) {
    const end = periodEndFrom(now, price);
    for (const si of sub.items.data) Object.assign(si, { current_period_start: now, current_period_end: end });
    sub.billing_cycle_anchor = now;
    lines = [
      unused,
      {
        price,
        quantity,
        period: { start: now, end },
        subscriptionItem: item.id,
        description: lineDescription(quantity, product, price),
      },
    ];
  } else if (proration === "always_invoice") {
    const charge = Math.round((price.unit_amount ?? 0) * quantity * fraction);
    lines = [
      unused,
      {
        price,
        quantity,
        period: { start: now, end: period.end },
        subscriptionItem: item.id,
        description: `Remaining time on ${product}`,
        amount: charge,
        proration: true,
      },
    ];
  }
  ctx.store.touch();
  emit(ctx, "customer.subscription.updated", sub, before);
  if (lines.length) invoiceNow(ctx, sub, lines, "subscription_update");
}

/** Creates, finalizes and charges an invoice for the subscription now (events in Stripe's order). */
export function invoiceNow(
  ctx: Ctx,
  sub: SubscriptionObj,
  lines: InvoiceLineInput[],
  reason: Stripe.Invoice.BillingReason,
  nextAttempt: number | null = null,
) {
  const customer = getCustomer(ctx, sub.customer as string);
  const invoice = buildInvoice(ctx, {
    customer,
    subscription: { id: sub.id, metadata: sub.metadata },
    lines,
    billingReason: reason,
    currency: sub.currency,
  });
  sub.latest_invoice = invoice.id;
  emit(ctx, "invoice.created", invoice);
  finalizeInvoice(ctx, invoice, customer);
  const result = payInvoice(ctx, invoice, defaultPaymentMethod(ctx, sub), true, nextAttempt);
  return { invoice, ...result };
}
