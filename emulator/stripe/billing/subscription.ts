import type Stripe from "stripe";
import type { Ctx } from "../core";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import { addInterval } from "./periods";

export type SubscriptionObj = Stripe.Subscription & StoredObject;

export function planOf(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal as unknown as Stripe.Plan["amount_decimal"],
    billing_scheme: "per_unit",
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? "month",
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product as string,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: "licensed",
  };
}

export function buildItem(
  subscription: string,
  price: Stripe.Price,
  quantity: number,
  start: number,
  end: number,
  now: number,
): Stripe.SubscriptionItem {
  return {
    id: randomId("si", 14),
    object: "subscription_item",
    billing_thresholds: null,
    created: now,
    current_period_end: end,
    current_period_start: start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planOf(price),
    price,
    quantity,
    subscription,
    tax_rates: [],
  };
}

export function periodEndFrom(start: number, price: Stripe.Price): number {
  return addInterval(start, price.recurring?.interval ?? "month", price.recurring?.interval_count ?? 1);
}

/** The period the whole subscription is in (all items share it here). */
export function currentPeriod(sub: Stripe.Subscription): { start: number; end: number } {
  const item = sub.items.data[0];
  return { start: item?.current_period_start ?? sub.start_date, end: item?.current_period_end ?? sub.start_date };
}

export function buildSubscription(
  ctx: Ctx,
  o: {
    customer: string;
    prices: { price: Stripe.Price; quantity: number }[];
    metadata: Record<string, string>;
    trialDays: number | null;
    defaultPaymentMethod: string | null;
    description?: string | null;
  },
): SubscriptionObj {
  const now = ctx.store.now();
  const id = randomId("sub");
  const trialEnd = o.trialDays ? now + o.trialDays * 86400 : null;
  const items = o.prices.map(({ price, quantity }) =>
    buildItem(id, price, quantity, now, trialEnd ?? periodEndFrom(now, price), now),
  );
  const sub: Stripe.Subscription = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" } as unknown as Stripe.Subscription.BillingMode,
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: {
      comment: null,
      feedback: null,
      feedback_option: null,
      reason: null,
    } as unknown as Stripe.Subscription.CancellationDetails,
    collection_method: "charge_automatically",
    created: now,
    currency: o.prices[0]?.price.currency ?? "usd",
    customer: o.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: o.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: o.description ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: "self" },
    },
    items: { object: "list", data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: o.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: trialEnd ? "trialing" : "active",
    test_clock: null,
    transfer_data: null,
    trial_end: trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: "create_invoice" } } as Stripe.Subscription.TrialSettings,
    trial_start: trialEnd ? now : null,
  };
  // total_count is part of the wire object for embedded lists.
  (sub.items as unknown as { total_count: number }).total_count = items.length;
  return ctx.store.put(sub as SubscriptionObj);
}
