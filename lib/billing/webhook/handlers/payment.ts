import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { schema } from "@/db";
import { applyDispute, fetchPaymentIntent, upsertPayment } from "../../payments";
import { requestBillingEmail } from "../../notify";
import { objectOf, type EventHandler } from "./types";
import type Stripe from "stripe";

/** payment_intent.succeeded / payment_failed: the payments row from Stripe's current state. */
export const paymentIntentChanged: EventHandler = async (event, tx) => {
  await upsertPayment(await fetchPaymentIntent(objectOf(event).id), tx);
};

const charge = z.looseObject({
  id: z.string(),
  payment_intent: z.union([z.string(), z.looseObject({ id: z.string() })]).nullish(),
});

/** Refunds (from the admin API or Stripe's dashboard) change the payment when Stripe confirms them. */
export const chargeRefunded: EventHandler = async (event, tx) => {
  const c = charge.parse(event.data.object);
  if (!c.payment_intent) return;
  const pi = await fetchPaymentIntent(typeof c.payment_intent === "string" ? c.payment_intent : c.payment_intent.id);
  const row = await upsertPayment(pi, tx);
  const latest = typeof pi.latest_charge === "object" ? pi.latest_charge : null;
  const refunded = latest?.amount_refunded ?? 0;
  if (!row || refunded === 0) return;
  await requestBillingEmail(tx, "refund_issued", row.userId, `${latest!.id}-${refunded}`, {
    paymentId: row.id,
    amountRefunded: refunded,
    amount: latest!.amount,
    currency: pi.currency,
    full: refunded >= latest!.amount,
  });
};

const dispute = z.looseObject({
  id: z.string(),
  charge: z.union([z.string(), z.looseObject({ id: z.string() })]),
  status: z.string(),
});

/**
 * Disputes are not re-readable from every Stripe we run against; the signed
 * payload is used. A `created` arriving after its own `closed` changes nothing.
 */
export const disputeChanged: EventHandler = async (event, tx) => {
  const d = dispute.parse(event.data.object);
  if (event.type === "charge.dispute.created") {
    const se = schema.stripeEvents;
    const [closed] = await tx
      .select({ id: se.id })
      .from(se)
      .where(
        and(
          eq(se.type, "charge.dispute.closed"),
          eq(se.status, "processed"),
          sql`${se.payload}->'data'->'object'->>'id' = ${d.id}`,
        ),
      )
      .limit(1);
    if (closed) return;
  }
  await applyDispute(d as unknown as Stripe.Dispute, tx);
};
