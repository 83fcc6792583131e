import { z } from "zod";
import { fetchPayment, upsertPayment } from "../../payments";
import { applyDispute } from "../../disputes";
import { requestBillingEmail } from "../../notify";
import { objectOf, type EventHandler } from "./types";
import { stripe } from "../../stripe-client";
import { lockStripeCustomer } from "../../customer-lock";

/** payment_intent.succeeded / payment_failed: the intent's payments rows (one per charge) from Stripe's current state. */
export const paymentIntentChanged: EventHandler = async (event, tx) => {
  await upsertPayment(await fetchPayment(objectOf(event).id), tx);
};

const charge = z.looseObject({
  id: z.string(),
  payment_intent: z.union([z.string(), z.looseObject({ id: z.string() })]).nullish(),
});

/** Refunds (from the admin API or Stripe's dashboard) change the payment when Stripe confirms them. */
export const chargeRefunded: EventHandler = async (event, tx) => {
  const c = charge.parse(event.data.object);
  if (!c.payment_intent) return;
  const p = await fetchPayment(typeof c.payment_intent === "string" ? c.payment_intent : c.payment_intent.id);
  const row = (await upsertPayment(p, tx)).find((r) => r.chargeId === c.id);
  const refundedCharge = p.charges.find((ch) => ch.id === c.id);
  const refunded = refundedCharge?.amount_refunded ?? 0;
  if (!row || !refundedCharge || refunded === 0) return;
  await requestBillingEmail(tx, "refund_issued", row.userId, `${c.id}-${refunded}`, {
    paymentId: row.id,
    amountRefunded: refunded,
    amount: refundedCharge.amount,
    currency: refundedCharge.currency,
    full: refunded >= refundedCharge.amount,
  });
};

const disputeRef = z.looseObject({
  id: z.string().min(1),
  charge: z.union([z.string(), z.looseObject({ id: z.string() })]),
});

/**
 * charge.dispute.created / closed: the dispute is re-read from Stripe, never
 * taken from the payload, so a `created` that arrives after its `closed` (or a
 * replay) applies the dispute's current outcome instead of reopening it. A
 * dispute names no customer, so the charge's customer is looked up first and
 * locked like every other write of that customer's payments, then read.
 */
export const disputeChanged: EventHandler = async (event, tx) => {
  const ref = disputeRef.parse(event.data.object);
  const charge = await stripe().charges.retrieve(typeof ref.charge === "string" ? ref.charge : ref.charge.id);
  const customer = typeof charge.customer === "string" ? charge.customer : (charge.customer?.id ?? null);
  if (customer) await lockStripeCustomer(tx, customer);
  await applyDispute(await stripe().disputes.retrieve(ref.id), tx);
};
