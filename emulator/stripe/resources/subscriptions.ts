import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { invalid, notFound } from "../errors";
import { emit, snapshot } from "../events";
import { paginate, createdFilter } from "../list";
import { arr, bool, int, mergeMetadata, obj, oneOf, reqStr, str } from "../params";
import type { Params } from "../form";
import type { SubscriptionObj } from "../billing/subscription";
import { cancelNow, setCancelAtPeriodEnd, invoiceNow } from "../billing/lifecycle";
import { applyItems } from "../billing/items";
import { currentPeriod, periodEndFrom } from "../billing/subscription";
import { getPaymentMethod } from "./payment-methods";

export function getSubscription(ctx: Ctx, id: string, param = "id"): SubscriptionObj {
  const s = ctx.store.get<SubscriptionObj>(id, "subscription");
  if (!s) throw notFound("subscription", id, param);
  return s;
}

const PRORATION = ["create_prorations", "none", "always_invoice"] as const;

function update(ctx: Ctx, sub: SubscriptionObj, p: Params): SubscriptionObj {
  if (sub.status === "canceled" || sub.status === "incomplete_expired") {
    throw invalid(`You cannot update a subscription that is \`${sub.status}\`.`);
  }
  const proration = oneOf(p, "proration_behavior", PRORATION) ?? "create_prorations";
  applyItems(ctx, sub, arr(p, "items"), proration);
  const cape = bool(p, "cancel_at_period_end");
  if (cape !== undefined) {
    const feedback = str(obj(p, "cancellation_details") ?? {}, "feedback");
    setCancelAtPeriodEnd(ctx, sub, cape, feedback);
  }
  const b2 = snapshot(sub);
  if (p.cancel_at !== undefined) {
    const at = p.cancel_at === "" ? null : int(p, "cancel_at");
    if (at !== null && at !== undefined && at <= ctx.store.now())
      throw invalid("cancel_at must be in the future.", "cancel_at");
    sub.cancel_at = at ?? null;
  }
  if (p.pause_collection !== undefined) {
    const pc = obj(p, "pause_collection");
    sub.pause_collection = pc
      ? {
          behavior: oneOf(pc, "behavior", ["keep_as_draft", "mark_uncollectible", "void"] as const) ?? "void",
          resumes_at: int(pc, "resumes_at") ?? null,
        }
      : null;
  }
  const pm = str(p, "default_payment_method");
  if (pm !== undefined) sub.default_payment_method = pm ? getPaymentMethod(ctx, pm, "default_payment_method").id : null;
  const description = str(p, "description");
  if (description !== undefined) sub.description = description || null;
  sub.metadata = mergeMetadata(sub.metadata, p);
  ctx.store.touch();
  if (JSON.stringify(b2) !== JSON.stringify(sub)) emit(ctx, "customer.subscription.updated", sub, b2);
  return sub;
}

export function registerSubscriptions(r: Router): void {
  r.get("/v1/subscriptions/:id", (ctx, _p, a) => getSubscription(ctx, a.id as string));
  r.post("/v1/subscriptions/:id", (ctx, p, a) => update(ctx, getSubscription(ctx, a.id as string), p));
  r.del("/v1/subscriptions/:id", (ctx, p, a) => {
    const sub = getSubscription(ctx, a.id as string);
    if (sub.status === "canceled") throw notFound("subscription", sub.id);
    const details = obj(p, "cancellation_details");
    if (details) {
      sub.cancellation_details = {
        ...(sub.cancellation_details ?? { reason: null }),
        comment: str(details, "comment") ?? null,
        feedback: (str(details, "feedback") ?? null) as Stripe.Subscription.CancellationDetails.Feedback | null,
      } as Stripe.Subscription.CancellationDetails;
    }
    sub.canceled_at = ctx.store.now();
    cancelNow(ctx, sub, "cancellation_requested");
    return sub;
  });
  r.post("/v1/subscriptions/:id/cancel", (ctx, _p, a) => {
    const sub = getSubscription(ctx, a.id as string);
    if (sub.status === "canceled") throw notFound("subscription", sub.id);
    cancelNow(ctx, sub, "cancellation_requested");
    return sub;
  });
  r.post("/v1/subscriptions/:id/resume", (ctx, _p, a) => {
    const sub = getSubscription(ctx, a.id as string);
    if (sub.status !== "paused")
      throw invalid("Only a subscription with status `paused` can be resumed.", "subscription");
    const before = snapshot(sub);
    const now = ctx.store.now();
    sub.status = "active";
    for (const si of sub.items.data)
      Object.assign(si, { current_period_start: now, current_period_end: periodEndFrom(now, si.price) });
    ctx.store.touch();
    emit(ctx, "customer.subscription.resumed", sub);
    emit(ctx, "customer.subscription.updated", sub, before);
    const period = currentPeriod(sub);
    invoiceNow(
      ctx,
      sub,
      sub.items.data.map((si) => ({
        price: si.price,
        quantity: si.quantity ?? 1,
        period,
        subscriptionItem: si.id,
        description: si.price.nickname ?? "Subscription",
      })),
      "subscription_cycle",
    );
    return sub;
  });
  r.get("/v1/subscription_items", (ctx, p) => {
    const sub = getSubscription(ctx, reqStr(p, "subscription"), "subscription");
    return paginate(sub.items.data, p, `/v1/subscription_items?subscription=${sub.id}`);
  });
  r.get("/v1/subscriptions", (ctx, p) => {
    const customer = str(p, "customer");
    const price = str(p, "price");
    const status = str(p, "status");
    const created = createdFilter(p);
    const items = ctx.store
      .all<SubscriptionObj>("subscription")
      .filter((s) => !customer || s.customer === customer)
      .filter((s) => !price || s.items.data.some((i) => i.price.id === price))
      // Stripe's default list leaves out canceled subscriptions; `status=all` includes them.
      .filter((s) => (status === "all" ? true : status ? s.status === status : s.status !== "canceled"))
      .filter((s) => created(s.created));
    return paginate(items, p, "/v1/subscriptions");
  });
}
