import type { Router } from "../router";
import type { Ctx } from "../core";
import { notFound } from "../errors";
import { paginate, createdFilter } from "../list";
import { str } from "../params";
import type { ChargeObj, PaymentIntentObj } from "../billing/pay";

export function getPaymentIntent(ctx: Ctx, id: string, param = "id"): PaymentIntentObj {
  const pi = ctx.store.get<PaymentIntentObj>(id, "payment_intent");
  if (!pi) throw notFound("payment_intent", id, param);
  return pi;
}

export function getCharge(ctx: Ctx, id: string, param = "id"): ChargeObj {
  const ch = ctx.store.get<ChargeObj>(id, "charge");
  if (!ch) throw notFound("charge", id, param);
  return ch;
}

/** Payment intents and charges are read-only here: they come from checkout, invoices and renewals. */
export function registerPayments(r: Router): void {
  r.get("/v1/payment_intents/:id", (ctx, _p, a) => getPaymentIntent(ctx, a.id as string));
  r.get("/v1/payment_intents", (ctx, p) => {
    const customer = str(p, "customer");
    const created = createdFilter(p);
    const items = ctx.store
      .all<PaymentIntentObj>("payment_intent")
      .filter((x) => !customer || x.customer === customer)
      .filter((x) => created(x.created));
    return paginate(items, p, "/v1/payment_intents");
  });
  r.get("/v1/charges/:id", (ctx, _p, a) => getCharge(ctx, a.id as string));
  r.get("/v1/charges", (ctx, p) => {
    const customer = str(p, "customer");
    const pi = str(p, "payment_intent");
    const created = createdFilter(p);
    const items = ctx.store
      .all<ChargeObj>("charge")
      .filter((x) => !customer || x.customer === customer)
      .filter((x) => !pi || x.payment_intent === pi)
      .filter((x) => created(x.created));
    return paginate(items, p, "/v1/charges");
  });
}
