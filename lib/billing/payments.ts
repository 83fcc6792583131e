import type Stripe from "stripe";
import { inArray, sql } from "drizzle-orm";
import { schema, type Tx } from "@/db";
import { userIdForCustomer } from "./customers";
import { stripe } from "./stripe-client";

export type PaymentStatus = (typeof schema.payments.$inferSelect)["status"];
export type PaymentLink = { invoiceId?: string | null; subscriptionId?: string | null; plan?: string | null };
/** A payment intent with every charge made on it (a renewal retried after a decline has several). */
export type StripePayment = { intent: Stripe.PaymentIntent; charges: Stripe.Charge[] };
export type WrittenPayment = {
  id: string;
  chargeId: string;
  status: PaymentStatus;
  userId: string | null;
  /** The status the row had before (null: new row). */
  before: PaymentStatus | null;
  changed: boolean;
};

export const idOf = (v: string | { id: string } | null | undefined) =>
  v == null ? null : typeof v === "string" ? v : v.id;

/** Reads a payment intent and all its charges from Stripe (callers hold the customer lock). */
export async function fetchPayment(paymentIntentId: string): Promise<StripePayment> {
  const [intent, charges] = await Promise.all([
    stripe().paymentIntents.retrieve(paymentIntentId),
    stripe().charges.list({ payment_intent: paymentIntentId, limit: 100 }).autoPagingToArray({ limit: 1000 }),
  ]);
  return { intent, charges };
}

/** A charge's status from Stripe's current state; null while it is still pending (nothing to record yet). */
export function chargeStatus(charge: Stripe.Charge, prior: PaymentStatus | null): PaymentStatus | null {
  if (charge.status === "failed") return "failed";
  if (charge.status !== "succeeded") return null;
  // Dispute state comes from the dispute (lib/billing/disputes.ts): `charge.disputed` stays true after a win.
  if (prior === "disputed") return "disputed";
  const refunded = charge.amount_refunded;
  if (refunded > 0 && refunded >= charge.amount) return "refunded";
  if (refunded > 0) return "partially_refunded";
  return "succeeded";
}

/**
 * Upserts one payments row per charge of a payment intent from Stripe's current
 * state, so a declined renewal attempt stays recorded as failed after the retry
 * on the same intent succeeds. Links (invoice, subscription, plan) are kept once
 * known, whichever event brought them.
 */
export async function upsertPayment(p: StripePayment, tx: Tx, link: PaymentLink = {}): Promise<WrittenPayment[]> {
  const t = schema.payments;
  const { intent: pi } = p;
  const chargeIds = p.charges.map((c) => c.id);
  const priors = await tx
    .select({ chargeId: t.stripeChargeId, status: t.status, amountRefunded: t.amountRefunded })
    .from(t)
    .where(chargeIds.length ? inArray(t.stripeChargeId, chargeIds) : sql`false`)
    .for("update");
  const customer = idOf(pi.customer);
  const userId = customer ? await userIdForCustomer(customer, tx) : null;
  const out: WrittenPayment[] = [];
  for (const charge of p.charges) {
    const prior = priors.find((r) => r.chargeId === charge.id) ?? null;
    const status = chargeStatus(charge, prior?.status ?? null);
    if (!status) continue;
    const failureMessage =
      status !== "failed"
        ? null
        : (charge.failure_message ??
          (pi.last_payment_error?.charge === charge.id ? pi.last_payment_error.message : null) ??
          null);
    const values = {
      userId,
      stripeChargeId: charge.id,
      stripePaymentIntentId: pi.id,
      stripeInvoiceId: link.invoiceId ?? null,
      subscriptionId: link.subscriptionId ?? null,
      plan: link.plan ?? null,
      amount: charge.amount,
      amountRefunded: charge.amount_refunded,
      currency: charge.currency,
      status,
      failureMessage,
      billingEmail: charge.billing_details?.email ?? null,
      billingName: charge.billing_details?.name ?? null,
      // When Stripe made the charge, so attempts list in the order they happened.
      createdAt: new Date(charge.created * 1000),
    };
    const { createdAt: _created, ...update } = values;
    const [row] = await tx
      .insert(t)
      .values(values)
      .onConflictDoUpdate({
        target: t.stripeChargeId,
        set: {
          ...update,
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
    const changed = !prior || prior.status !== status || prior.amountRefunded !== values.amountRefunded;
    out.push({ ...row!, chargeId: charge.id, before: prior?.status ?? null, changed });
  }
  return out;
}
