import type Stripe from "stripe";
import { and, eq, isNull } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { recordAuditLog } from "@/lib/audit-log/record";
import { logger } from "@/lib/log/logger";
import { AppError } from "@/lib/errors";
import { sendEvent } from "@/lib/jobs/send-event";
import { spendCredit, spendCreditForPeriod } from "./entitlements";
import { applySubscriptions, fetchCustomerSubscriptions } from "./sync-subscription";
import { stripe } from "./stripe-client";
import { lockStripeCustomer } from "./customer-lock";

export type FulfilStatus = "fulfilled" | "already_fulfilled" | "pending_payment" | "failed" | "expired";
export type FulfilResult = { status: FulfilStatus; auditId: string | null };

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === "string" ? v : v.id);

/** The event id `audit/requested` is sent with: the same for the webhook and the success page. */
export const auditRequestedEventId = (sessionId: string) => `checkout-${sessionId}`;

/**
 * Fulfils a Checkout Session exactly once, whichever of the webhook and the
 * success page gets here first: activates the subscription (re-read from Stripe),
 * creates the first audit from the stored request (audits.checkoutSessionId is
 * unique), uses its credit and requests it. The loser of a race finds the row
 * fulfilled (row lock) and returns already_fulfilled.
 */
export async function fulfilCheckoutSession(sessionId: string, tx?: Tx): Promise<FulfilResult> {
  // The success page passes a query parameter through: only a Checkout Session id goes to Stripe.
  if (!/^cs_[A-Za-z0-9_]{1,250}$/.test(sessionId)) throw new AppError("not_found", "Unknown checkout session.");
  const session = await stripe().checkout.sessions.retrieve(sessionId);
  const customer = idOf(session.customer);
  const run = async (t: Tx) => {
    if (customer) await lockStripeCustomer(t, customer);
    const subs = customer && session.status === "complete" ? await fetchCustomerSubscriptions(customer) : [];
    return fulfilIn(t, session, subs);
  };
  return tx ? run(tx) : db().transaction(run);
}

async function existingAudit(tx: Tx, sessionId: string): Promise<string | null> {
  const [a] = await tx
    .select({ id: schema.audits.id })
    .from(schema.audits)
    .where(eq(schema.audits.checkoutSessionId, sessionId));
  return a?.id ?? null;
}

async function fulfilIn(tx: Tx, session: Stripe.Checkout.Session, subs: Stripe.Subscription[]): Promise<FulfilResult> {
  const t = schema.checkoutSessions;
  const [row] = await tx.select().from(t).where(eq(t.id, session.id)).for("update");
  if (!row) {
    // Not started by this app's checkout (a payment link, the dashboard): nothing to fulfil.
    logger.warn({ sessionId: session.id }, "checkout session without a checkout_sessions row");
    return { status: "failed", auditId: null };
  }
  if (row.fulfilledAt) return { status: "already_fulfilled", auditId: await existingAudit(tx, session.id) };
  if (session.status === "expired") {
    await tx.update(t).set({ status: "expired", updatedAt: new Date() }).where(eq(t.id, session.id));
    return { status: "expired", auditId: null };
  }
  if (row.status === "failed") return { status: "failed", auditId: null };
  if (session.status !== "complete" || session.payment_status === "unpaid") {
    if (session.status === "complete")
      await tx
        .update(t)
        .set({ status: "complete", paymentStatus: session.payment_status, updatedAt: new Date() })
        .where(eq(t.id, session.id));
    return { status: "pending_payment", auditId: null };
  }
  const customer = idOf(session.customer)!;
  await applySubscriptions(customer, subs, tx);
  const subscriptionId = idOf(session.subscription);
  let auditId: string | null = null;
  if (row.userId) {
    const req = row.auditRequest;
    const [audit] = await tx
      .insert(schema.audits)
      .values({
        userId: row.userId,
        subscriptionId,
        checkoutSessionId: session.id,
        trigger: "checkout",
        plan: row.plan,
        siteUrl: req.siteUrl,
        keywords: req.keywords,
        competitors: req.competitors,
        companyName: req.companyName ?? null,
      })
      .onConflictDoNothing({ target: schema.audits.checkoutSessionId })
      .returning({ id: schema.audits.id });
    if (audit) {
      auditId = audit.id;
      // The checkout paid for the subscription's first period, even if Stripe has renewed it since.
      const first = subs.find((s) => s.id === subscriptionId)?.start_date;
      if (subscriptionId && first) await spendCreditForPeriod(subscriptionId, new Date(first * 1000), tx);
      else if (subscriptionId) await spendCredit(subscriptionId, tx);
      await sendEvent({ name: "audit/requested", data: { auditId }, id: auditRequestedEventId(session.id) }, { tx });
    } else auditId = await existingAudit(tx, session.id);
  }
  await tx
    .update(t)
    .set({
      status: "complete",
      paymentStatus: session.payment_status,
      subscriptionId,
      amountTotal: session.amount_total,
      currency: session.currency,
      fulfilledAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(t.id, session.id));
  await recordAuditLog(
    {
      actor: row.userId ? { id: row.userId } : null,
      action: "billing.checkout.fulfilled",
      target: { type: "checkout_session", id: session.id },
      details: { plan: row.plan, interval: row.interval, subscriptionId, auditId },
    },
    tx,
  );
  return { status: "fulfilled", auditId };
}

/** An async payment (bank debit…) failed after the session completed: no subscription, no audit. */
export async function failCheckoutSession(sessionId: string, tx: Tx): Promise<void> {
  const t = schema.checkoutSessions;
  await tx
    .update(t)
    .set({ status: "failed", paymentStatus: "unpaid", updatedAt: new Date() })
    .where(and(eq(t.id, sessionId), isNull(t.fulfilledAt)));
}

/** The customer left the session until it expired: the funnel keeps it as expired. */
export async function expireCheckoutSession(sessionId: string, tx: Tx): Promise<void> {
  const t = schema.checkoutSessions;
  await tx
    .update(t)
    .set({ status: "expired", updatedAt: new Date() })
    .where(and(eq(t.id, sessionId), eq(t.status, "open")));
}
