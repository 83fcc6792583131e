import type Stripe from "stripe";
import type { Router } from "../router";
import type { Ctx } from "../core";
import { invalid, notFound } from "../errors";
import { emit, snapshot } from "../events";
import { paginate, createdFilter } from "../list";
import { int, mergeMetadata, oneOf, str } from "../params";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import type { Params } from "../form";
import { getCharge, getPaymentIntent } from "./payments";

type RefundObj = Stripe.Refund & StoredObject;

function createRefund(ctx: Ctx, p: Params): RefundObj {
  const chargeId = str(p, "charge");
  const piId = str(p, "payment_intent");
  if (!chargeId && !piId)
    throw invalid(
      "One of the following params should be provided for this request: payment_intent or charge.",
      "charge",
      "parameter_missing",
    );
  let charge;
  if (chargeId) charge = getCharge(ctx, chargeId, "charge");
  else {
    const pi = getPaymentIntent(ctx, piId as string, "payment_intent");
    if (pi.status !== "succeeded" || !pi.latest_charge) {
      throw invalid(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, "payment_intent");
    }
    charge = getCharge(ctx, pi.latest_charge as string);
  }
  if (charge.status !== "succeeded")
    throw invalid(`Charge ${charge.id} has not succeeded; it cannot be refunded.`, "charge");
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, "charge_already_refunded");
  }
  const amount = int(p, "amount") ?? remaining;
  if (amount <= 0) throw invalid("Invalid positive integer", "amount", "parameter_invalid_integer");
  if (amount > remaining) {
    throw invalid(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      "amount",
      "amount_too_large",
    );
  }
  const refund: Stripe.Refund = {
    id: randomId("re"),
    object: "refund",
    amount,
    balance_transaction: randomId("txn"),
    charge: charge.id,
    created: ctx.store.now(),
    currency: charge.currency,
    customer: charge.customer as string | null,
    customer_account: null,
    destination_details: {
      card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" },
      type: "card",
    } as Stripe.Refund.DestinationDetails,
    metadata: mergeMetadata({}, p),
    payment_intent: charge.payment_intent as string | null,
    payment_method: charge.payment_method as string | null,
    reason: oneOf(p, "reason", ["duplicate", "fraudulent", "requested_by_customer"] as const) ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  } as Stripe.Refund;
  ctx.store.put(refund as RefundObj);
  const before = snapshot(charge);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  const refunds = charge.refunds ?? {
    object: "list",
    data: [],
    has_more: false,
    url: `/v1/charges/${charge.id}/refunds`,
  };
  refunds.data = [refund, ...refunds.data];
  charge.refunds = refunds;
  ctx.store.touch();
  emit(ctx, "charge.refunded", charge, before);
  emit(ctx, "refund.created", refund as RefundObj);
  return refund as RefundObj;
}

export function registerRefunds(r: Router): void {
  r.post("/v1/refunds", (ctx, p) => createRefund(ctx, p));
  r.get("/v1/refunds/:id", (ctx, _p, a) => {
    const re = ctx.store.get<RefundObj>(a.id as string, "refund");
    if (!re) throw notFound("refund", a.id as string);
    return re;
  });
  r.get("/v1/refunds", (ctx, p) => {
    const charge = str(p, "charge");
    const pi = str(p, "payment_intent");
    const created = createdFilter(p);
    const items = ctx.store
      .all<RefundObj>("refund")
      .filter((x) => !charge || x.charge === charge)
      .filter((x) => !pi || x.payment_intent === pi)
      .filter((x) => created(x.created));
    return paginate(items, p, "/v1/refunds");
  });
}
