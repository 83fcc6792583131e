import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { notFound } from "../errors";
import { emit, snapshot } from "../events";
import { paginate, createdFilter } from "../list";
import { mergeMetadata, obj, str } from "../params";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import type { Params } from "../form";
import type { SubscriptionObj } from "../billing/subscription";
import { cancelNow } from "../billing/lifecycle";
import { search } from "../search";

export type CustomerObj = Stripe.Customer & StoredObject;

export function getCustomer(ctx: Ctx, id: string, param = "id"): CustomerObj {
  const c = ctx.store.get<CustomerObj>(id, "customer");
  if (!c) throw notFound("customer", id, param);
  return c;
}

export function createCustomer(ctx: Ctx, p: Params): CustomerObj {
  const customer: Stripe.Customer = {
    id: randomId("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: ctx.store.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: str(p, "description") ?? null,
    discount: null,
    email: str(p, "email") ?? null,
    invoice_prefix: randomId("x", 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: str(obj(p, "invoice_settings") ?? {}, "default_payment_method") ?? null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: mergeMetadata({}, p),
    name: str(p, "name") ?? null,
    next_invoice_sequence: 1,
    phone: str(p, "phone") ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
  const c = ctx.store.put(customer as CustomerObj);
  emit(ctx, "customer.created", c);
  return c;
}

export function updateCustomer(ctx: Ctx, c: CustomerObj, p: Params): CustomerObj {
  const before = snapshot(c);
  for (const k of ["email", "name", "description", "phone"] as const) {
    const v = str(p, k);
    if (v !== undefined) c[k] = v || null;
  }
  const inv = obj(p, "invoice_settings");
  const pm = inv ? str(inv, "default_payment_method") : undefined;
  if (pm !== undefined) c.invoice_settings = { ...c.invoice_settings, default_payment_method: pm || null };
  c.metadata = mergeMetadata(c.metadata, p);
  ctx.store.touch();
  if (JSON.stringify(before) !== JSON.stringify(c)) emit(ctx, "customer.updated", c, before);
  return c;
}

export function registerCustomers(r: Router): void {
  r.post("/v1/customers", (ctx, p) => createCustomer(ctx, p));
  r.post("/v1/customers/:id", (ctx, p, a) => updateCustomer(ctx, getCustomer(ctx, a.id as string), p));
  // Registered before `/:id` so "search" is not taken for an id.
  r.get("/v1/customers/search", (ctx, p) => search(ctx.store.all<CustomerObj>("customer"), p, "/v1/customers/search"));
  r.get("/v1/customers/:id", (ctx, _p, a) => getCustomer(ctx, a.id as string));
  r.del("/v1/customers/:id", (ctx, _p, a) => {
    const c = getCustomer(ctx, a.id as string);
    // Deleting a customer cancels their subscriptions at once, as on Stripe.
    for (const sub of ctx.store.all<SubscriptionObj>("subscription")) {
      if (sub.customer === c.id && sub.status !== "canceled") cancelNow(ctx, sub, "cancellation_requested");
    }
    ctx.store.remove(c.id);
    emit(ctx, "customer.deleted", c);
    const deleted: Stripe.DeletedCustomer = { id: c.id, object: "customer", deleted: true };
    return deleted;
  });
  r.get("/v1/customers", (ctx, p) => {
    const email = str(p, "email");
    const created = createdFilter(p);
    const items = ctx.store
      .all<CustomerObj>("customer")
      .filter((x) => email === undefined || x.email === email)
      .filter((x) => created(x.created));
    return paginate(items, p, "/v1/customers");
  });
}
