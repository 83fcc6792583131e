import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { notFound } from "../errors";
import { reqStr, str } from "../params";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import { getCustomer } from "./customers";

export type PortalSessionObj = Stripe.BillingPortal.Session & StoredObject;

export function getPortalSession(ctx: Ctx, id: string): PortalSessionObj {
  const s = ctx.store.get<PortalSessionObj>(id, "billing_portal.session");
  if (!s) throw notFound("billing_portal.session", id);
  return s;
}

export function registerPortalSessions(r: Router): void {
  r.post("/v1/billing_portal/sessions", (ctx, p) => {
    const customer = getCustomer(ctx, reqStr(p, "customer"), "customer");
    const id = randomId("bps");
    const session: Stripe.BillingPortal.Session = {
      id,
      object: "billing_portal.session",
      configuration: "bpc_emulator_default",
      created: ctx.store.now(),
      customer: customer.id,
      customer_account: null,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: str(p, "return_url") ?? null,
      url: `${ctx.publicUrl()}/portal/${id}`,
    };
    return ctx.store.put(session as PortalSessionObj);
  });
}
