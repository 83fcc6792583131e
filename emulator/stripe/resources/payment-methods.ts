import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { notFound } from "../errors";
import { paginate } from "../list";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import { brandOf } from "../billing/cards";
import { getCustomer } from "./customers";

export type PaymentMethodObj = Stripe.PaymentMethod & StoredObject;

export function getPaymentMethod(ctx: Ctx, id: string, param = "id"): PaymentMethodObj {
  const pm = ctx.store.get<PaymentMethodObj>(id, "payment_method");
  if (!pm) throw notFound("payment_method", id, param);
  return pm;
}

/** A card payment method from a test card number typed on a hosted page. */
export function createCardPaymentMethod(
  ctx: Ctx,
  number: string,
  billing: { email: string | null; name: string | null },
  customer: string | null,
): PaymentMethodObj {
  const year = new Date(ctx.store.now() * 1000).getUTCFullYear() + 3;
  const card = {
    brand: brandOf(number),
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
    country: "US",
    display_brand: brandOf(number),
    exp_month: 12,
    exp_year: year,
    fingerprint: number.slice(-8).split("").reverse().join("") + "fp",
    funding: "credit",
    generated_from: null,
    last4: number.slice(-4),
    networks: { available: [brandOf(number)], preferred: null },
    regulated_status: "unregulated",
    three_d_secure_usage: { supported: true },
    wallet: null,
  } as unknown as Stripe.PaymentMethod.Card;
  const pm: Stripe.PaymentMethod = {
    id: randomId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: billing.email,
      name: billing.name,
      phone: null,
      tax_id: null,
    },
    card,
    created: ctx.store.now(),
    customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: "card",
  };
  ctx.store.state.internal.cardNumbers[pm.id] = number;
  return ctx.store.put(pm as PaymentMethodObj);
}

export function registerPaymentMethods(r: Router): void {
  r.get("/v1/payment_methods/:id", (ctx, _p, a) => getPaymentMethod(ctx, a.id as string));
  r.get("/v1/customers/:id/payment_methods", (ctx, p, a) => {
    const c = getCustomer(ctx, a.id as string);
    const items = ctx.store.all<PaymentMethodObj>("payment_method").filter((x) => x.customer === c.id);
    return paginate(items, p, `/v1/customers/${c.id}/payment_methods`);
  });
  r.get("/v1/payment_methods", (ctx, p) => {
    const customer = typeof p.customer === "string" ? p.customer : undefined;
    const items = ctx.store
      .all<PaymentMethodObj>("payment_method")
      .filter((x) => customer === undefined || x.customer === customer);
    return paginate(items, p, "/v1/payment_methods");
  });
}
