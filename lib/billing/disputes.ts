import type Stripe from "stripe";
import { eq } from "drizzle-orm";
import { schema, type Tx } from "@/db";
import { chargeStatus, fetchPayment, idOf, upsertPayment } from "./payments";
import { stripe } from "./stripe-client";

/**
 * A dispute opened (or lost) on a charge: its payment is marked disputed. A won
 * dispute puts the payment back to what the charge says (refunds included).
 * The charge's payment intent is re-read first, so a dispute arriving before the
 * payment was recorded still finds its row.
 */
export async function applyDispute(dispute: Stripe.Dispute, tx: Tx): Promise<string | null> {
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return null;
  const t = schema.payments;
  const [row] = await tx.select({ id: t.id }).from(t).where(eq(t.stripeChargeId, chargeId));
  if (!row) {
    const charge = await stripe().charges.retrieve(chargeId);
    const pi = idOf(charge.payment_intent);
    if (pi) await upsertPayment(await fetchPayment(pi), tx);
  }
  const won = dispute.status === "won" || dispute.status === "warning_closed";
  const charge = won ? await stripe().charges.retrieve(chargeId) : null;
  const next = charge ? chargeStatus(charge, null) : "disputed";
  if (!next) return null;
  const rows = await tx
    .update(t)
    .set({ status: next, ...(charge ? { amountRefunded: charge.amount_refunded } : {}), updatedAt: new Date() })
    .where(eq(t.stripeChargeId, chargeId))
    .returning({ id: t.id });
  return rows[0]?.id ?? null;
}
