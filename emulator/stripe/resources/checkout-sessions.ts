import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { invalid, notFound } from "../errors";
import { emit, snapshot } from "../events";
import { fullList, paginate, createdFilter } from "../list";
import { arr, int, mergeMetadata, obj, oneOf, str, bool } from "../params";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import type { Params } from "../form";
import { createPrice, getPrice } from "./prices";
import { getCustomer } from "./customers";
import { getProduct } from "./products";
import { sessionTemplate } from "./checkout-session-object";

export type SessionObj = Stripe.Checkout.Session & StoredObject;

export function getSession(ctx: Ctx, id: string): SessionObj {
  const s = ctx.store.get<SessionObj>(id, "checkout.session");
  if (!s) throw notFound("checkout.session", id);
  return expireIfDue(ctx, s);
}

/** Sessions past `expires_at` (emulated clock) expire lazily, the next time anything looks at them. */
export function expireIfDue(ctx: Ctx, s: SessionObj): SessionObj {
  if (s.status === "open" && s.expires_at <= ctx.store.now()) expireSession(ctx, s);
  return s;
}

export function expireSession(ctx: Ctx, s: SessionObj): void {
  s.status = "expired";
  s.url = null;
  ctx.store.touch();
  emit(ctx, "checkout.session.expired", s);
}

export function sessionLineItems(ctx: Ctx, id: string): Stripe.LineItem[] {
  return (ctx.store.state.internal.checkoutLineItems[id] ?? []) as Stripe.LineItem[];
}

function buildLineItems(ctx: Ctx, p: Params, mode: string): Stripe.LineItem[] {
  const raw = arr(p, "line_items");
  if (!raw.length) throw invalid("Missing required param: line_items.", "line_items", "parameter_missing");
  return raw.map((li, i) => {
    if (typeof li !== "object" || Array.isArray(li)) throw invalid(`Invalid line_items[${i}]`, `line_items[${i}]`);
    const priceId = str(li, "price");
    const priceData = obj(li, "price_data");
    if (!priceId && !priceData)
      throw invalid(`Missing required param: line_items[${i}][price].`, `line_items[${i}][price]`, "parameter_missing");
    const price = priceId ? getPrice(ctx, priceId, `line_items[${i}][price]`) : createPrice(ctx, priceData ?? {}, true);
    if (priceId && !price.active)
      throw invalid(
        `The price specified is inactive. This field only accepts active prices.`,
        `line_items[${i}][price]`,
      );
    const quantity = int(li, "quantity") ?? 1;
    if (quantity < 1)
      throw invalid(`Invalid line_items[${i}][quantity]: must be at least 1`, `line_items[${i}][quantity]`);
    if (mode === "payment" && price.type === "recurring") {
      throw invalid(
        "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
        `line_items[${i}][price]`,
      );
    }
    const amount = (price.unit_amount ?? 0) * quantity;
    const item: Stripe.LineItem = {
      id: randomId("li"),
      object: "item",
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: getProduct(ctx, price.product as string).name,
      metadata: {},
      price,
      quantity,
    };
    return item;
  });
}

function createSession(ctx: Ctx, p: Params): SessionObj {
  const mode = oneOf(p, "mode", ["payment", "subscription", "setup"] as const);
  if (!mode) throw invalid("Missing required param: mode.", "mode", "parameter_missing");
  if (mode === "setup") throw invalid("The emulator supports `payment` and `subscription` modes only.", "mode");
  const customer = str(p, "customer");
  const customerEmail = str(p, "customer_email");
  if (customer && customerEmail)
    throw invalid("You may only specify one of these parameters: customer, customer_email.", "customer_email");
  if (customer) getCustomer(ctx, customer, "customer");
  const items = buildLineItems(ctx, p, mode);
  const currencies = new Set(items.map((i) => i.currency));
  if (currencies.size > 1) throw invalid("All prices must have the same currency.", "line_items");
  if (mode === "subscription" && !items.some((i) => i.price?.type === "recurring")) {
    throw invalid(
      "You must provide at least one recurring price in `subscription` mode when using prices.",
      "line_items",
    );
  }
  const now = ctx.store.now();
  const expiresAt = int(p, "expires_at") ?? now + 24 * 3600;
  if (expiresAt < now + 30 * 60 - 60 || expiresAt > now + 24 * 3600 + 60) {
    throw invalid(
      "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
      "expires_at",
    );
  }
  const subData = obj(p, "subscription_data") ?? {};
  const trialDays = int(subData, "trial_period_days") ?? null;
  const dueNow = items
    .filter((i) => !(trialDays && i.price?.type === "recurring"))
    .reduce((s, i) => s + i.amount_total, 0);
  const id = `cs_test_${randomId("x", 58).slice(2)}`;
  const session = sessionTemplate({
    id,
    now,
    mode,
    amount: dueNow,
    currency: items[0]?.currency ?? "usd",
    customer: customer ?? null,
    customerEmail: customerEmail ?? null,
    clientReferenceId: str(p, "client_reference_id") ?? null,
    metadata: mergeMetadata({}, p),
    successUrl: str(p, "success_url") ?? null,
    cancelUrl: str(p, "cancel_url") ?? null,
    expiresAt,
    url: `${ctx.publicUrl()}/checkout/${id}`,
    allowPromotionCodes: bool(p, "allow_promotion_codes") ?? null,
    customerCreation:
      mode === "payment" ? (oneOf(p, "customer_creation", ["always", "if_required"] as const) ?? "if_required") : null,
  });
  ctx.store.state.internal.checkoutLineItems[id] = items;
  // Kept for completion: what the subscription or payment intent should carry.
  ctx.store.state.internal.checkoutOptions[id] = {
    subscriptionMetadata: mergeMetadata({}, subData),
    trialDays,
    subscriptionDescription: str(subData, "description") ?? null,
    paymentIntentMetadata: mergeMetadata({}, obj(p, "payment_intent_data") ?? {}),
  };
  return ctx.store.put(session as SessionObj);
}

export function registerCheckoutSessions(r: Router): void {
  r.post("/v1/checkout/sessions", (ctx, p) => createSession(ctx, p));
  r.get("/v1/checkout/sessions/:id", (ctx, _p, a) => getSession(ctx, a.id as string));
  r.post("/v1/checkout/sessions/:id", (ctx, p, a) => {
    const s = getSession(ctx, a.id as string);
    const before = snapshot(s);
    s.metadata = mergeMetadata(s.metadata ?? {}, p);
    ctx.store.touch();
    void before;
    return s;
  });
  r.post("/v1/checkout/sessions/:id/expire", (ctx, _p, a) => {
    const s = getSession(ctx, a.id as string);
    if (s.status !== "open") {
      throw invalid(
        `Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${s.status}".`,
      );
    }
    expireSession(ctx, s);
    return s;
  });
  r.get("/v1/checkout/sessions/:id/line_items", (ctx, p, a) => {
    const s = getSession(ctx, a.id as string);
    return paginate(sessionLineItems(ctx, s.id), p, `/v1/checkout/sessions/${s.id}/line_items`);
  });
  r.get("/v1/checkout/sessions", (ctx, p) => {
    const f = {
      customer: str(p, "customer"),
      subscription: str(p, "subscription"),
      payment_intent: str(p, "payment_intent"),
      status: str(p, "status"),
    };
    const created = createdFilter(p);
    const items = ctx.store
      .all<SessionObj>("checkout.session")
      .map((s) => expireIfDue(ctx, s))
      .filter((s) => (Object.keys(f) as (keyof typeof f)[]).every((k) => f[k] === undefined || s[k] === f[k]))
      .filter((s) => created(s.created));
    return paginate(items, p, "/v1/checkout/sessions");
  });
}

export const checkoutVirtuals = {
  line_items: (ctx: Ctx, o: Record<string, unknown>) =>
    fullList(sessionLineItems(ctx, String(o.id)), `/v1/checkout/sessions/${String(o.id)}/line_items`),
};
