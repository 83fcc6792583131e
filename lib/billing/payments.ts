import type Stripe from "stripe";
import { eq, sql } from "drizzle-orm";
import { schema, type Tx } from "@/db";
import { userIdForCustomer } from "./customers";
import { stripe } from "./stripe-client";

type PaymentStatus = (typeof schema.payments.$inferSelect)["status"];
export type PaymentLink = { invoiceId?: string | null; subscriptionId?: string | null; plan?: string | null };

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === "string" ? v : v.id);

/** Reads a payment intent and its latest charge from Stripe (callers hold the customer lock). */
export async function fetchPaymentIntent(paymentIntentId: string): Promise<Stripe.PaymentIntent> {
  return stripe().paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
}

function statusOf(
  pi: Stripe.PaymentIntent,
  charge: Stripe.Charge | null,
  prior: PaymentStatus | null,
): PaymentStatus | null {
  if (pi.status !== "succeeded") {
    if (pi.status === "requires_payment_method" || pi.status === "canceled") return "failed";
    return null; // processing / requires_action: nothing to record yet
  }
  // Dispute state comes from the dispute events only: `charge.disputed` stays true after a won dispute.
  if (prior === "disputed") return "disputed";
  const refunded = charge?.amount_refunded ?? 0;
  if (refunded > 0 && refunded >= (charge?.amount ?? pi.amount)) return "refunded";
  if (refunded > 0) return "partially_refunded";
  return "succeeded";
}

/**
 * Upserts the payments row of a payment intent from Stripe's current state (one
 * row per payment intent, showing its latest charge). Links (invoice,
 * subscription, plan) are kept once known, whichever event brought them.
 */
export async function upsertPayment(
  pi: Stripe.PaymentIntent,
  tx: Tx,
  link: PaymentLink = {},
): Promise<{ id: string; status: PaymentStatus; userId: string | null; changed: boolean } | null> {
  const t = schema.payments;
  const charge = typeof pi.latest_charge === "object" ? pi.latest_charge : null;
  const [prior] = await tx.select().from(t).where(eq(t.stripePaymentIntentId, pi.id)).for("update");
  const status = statusOf(pi, charge, prior?.status ?? null);
  if (!status) return null;
  const customer = idOf(pi.customer);
  const userId = customer ? await userIdForCustomer(customer, tx) : null;
  const values = {
    userId,
    stripeChargeId: charge?.id ?? idOf(pi.latest_charge),
    stripePaymentIntentId: pi.id,
    stripeInvoiceId: link.invoiceId ?? null,
    subscriptionId: link.subscriptionId ?? null,
    plan: link.plan ?? null,
    amount: charge?.amount ?? pi.amount,
    amountRefunded: charge?.amount_refunded ?? 0,
    currency: pi.currency,
    status,
    failureMessage: status === "failed" ? (pi.last_payment_error?.message ?? charge?.failure_message ?? null) : null,
    billingEmail: charge?.billing_details?.email ?? null,
    billingName: charge?.billing_details?.name ?? null,
  };
  const [row] = await tx
    .insert(t)
    .values(values)
    .onConflictDoUpdate({
      target: t.stripePaymentIntentId,
      set: {
        ...values,
        userId: sql`coalesce(${values.userId}, ${t.userId})`,
        stripeInvoiceId: sql`coalesce(${values.stripeInvoiceId}, ${t.stripeInvoiceId})`,
        subscriptionId: sql`coalesce(${values.subscriptionId}, ${t.subscriptionId})`,
        plan: sql`coalesce(${values.plan}, ${t.plan})`,
        // A row whose user was erased keeps its anonymised personal fields.
        billingEmail: sql`case when ${t.userId} is null and ${values.userId}::text is null then ${t.billingEmail} else ${values.billingEmail} end`,
        billingName: sql`case when ${t.userId} is null and ${values.userId}::text is null then ${t.billingName} else ${values.billingName} end`,
        updatedAt: new Date(),
      },
    })
    .returning({ id: t.id, status: t.status, userId: t.userId });
  const changed =
    !prior ||
    prior.status !== status ||
    prior.amountRefunded !== values.amountRefunded ||
    prior.stripeChargeId !== values.stripeChargeId;
  return { ...row!, changed };
}

/** A dispute opened (or lost) on a charge: the payment is marked disputed. Won disputes go back to the charge's state. */
export async function applyDispute(dispute: Stripe.Dispute, tx: Tx): Promise<string | null> {
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return null;
  const won = dispute.status === "won" || dispute.status === "warning_closed";
  const t = schema.payments;
  if (won) {
    const charge = await stripe().charges.retrieve(chargeId);
    const refunded = charge.amount_refunded;
    const status: PaymentStatus =
      refunded > 0 && refunded >= charge.amount ? "refunded" : refunded > 0 ? "partially_refunded" : "succeeded";
    const rows = await tx
      .update(t)
      .set({ status, amountRefunded: refunded, updatedAt: new Date() })
      .where(eq(t.stripeChargeId, chargeId))
      .returning({ id: t.id });
    return rows[0]?.id ?? null;
  }
  const rows = await tx
    .update(t)
    .set({ status: "disputed", updatedAt: new Date() })
    .where(eq(t.stripeChargeId, chargeId))
    .returning({ id: t.id });
  if (rows[0]) return rows[0].id;
  // The dispute arrived before we recorded the payment: record it now, already disputed.
  const charge = await stripe().charges.retrieve(chargeId);
  const pi = idOf(charge.payment_intent);
  if (!pi) return null;
  const intent = await fetchPaymentIntent(pi);
  const written = await upsertPayment(intent, tx);
  if (!written) return null;
  await tx.update(t).set({ status: "disputed" }).where(eq(t.id, written.id));
  return written.id;
}
