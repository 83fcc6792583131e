import type Stripe from "stripe";
import { and, eq, gte, inArray, isNotNull, max } from "drizzle-orm";
import { db, schema } from "@/db";
import { logger } from "@/lib/log/logger";
import { fetchPayment, upsertPayment } from "./payments";
import { syncSubscription, type SubscriptionDrift } from "./sync-subscription";
import { stripe } from "./stripe-client";
import { lockStripeCustomer } from "./customer-lock";
import { processStripeEvent } from "./webhook/process-event";

export type ReconcileReport = {
  since: number;
  eventsSeen: number;
  eventsProcessed: string[];
  eventsFailed: { id: string; error: string }[];
  subscriptionsRepaired: SubscriptionDrift[];
  paymentsRepaired: { paymentIntentId: string; chargeId: string; from: string | null; to: string }[];
};

/**
 * How far before the newest processed event to look. An event we never received
 * can be older than one we did (an outage followed by recovery), so "since the
 * last processed one" is taken generously; already-processed events are skipped.
 */
export const LOOKBACK_SECONDS = 3 * 86_400;

/** Payments re-read for drift: those touched in this many days. */
export const PAYMENT_WINDOW_DAYS = 180;

/**
 * Catches up with Stripe: processes every event since the newest one already
 * processed (with a generous lookback) that we never received or that failed,
 * retries failed events, then re-reads every
 * customer's subscriptions and every payment, repairing and reporting drift.
 * Safe to run at any time and repeatedly (`npm run stripe:reconcile`, nightly cron).
 */
export async function reconcileStripe(opts: { since?: number } = {}): Promise<ReconcileReport> {
  const se = schema.stripeEvents;
  const [last] = await db()
    .select({ created: max(se.created) })
    .from(se)
    .where(inArray(se.status, ["processed", "ignored"]));
  const since = opts.since ?? Math.max((last?.created ?? 0) - LOOKBACK_SECONDS, 0);
  const report: ReconcileReport = {
    since,
    eventsSeen: 0,
    eventsProcessed: [],
    eventsFailed: [],
    subscriptionsRepaired: [],
    paymentsRepaired: [],
  };

  const events: Stripe.Event[] = [];
  for await (const e of stripe().events.list({ created: { gte: since }, limit: 100 })) events.push(e);
  events.reverse(); // the API lists newest first; apply in Stripe's order
  report.eventsSeen = events.length;
  const known = new Map<string, string>();
  for (let i = 0; i < events.length; i += 500) {
    const ids = events.slice(i, i + 500).map((e) => e.id);
    const rows = await db().select({ id: se.id, status: se.status }).from(se).where(inArray(se.id, ids));
    for (const r of rows) known.set(r.id, r.status);
  }
  for (const e of events) {
    const status = known.get(e.id);
    if (status === "processed" || status === "ignored") continue;
    const r = await processStripeEvent(e);
    if (r.outcome === "failed") report.eventsFailed.push({ id: e.id, error: r.error ?? "unknown" });
    else if (r.outcome === "processed") report.eventsProcessed.push(e.id);
  }

  // Failed (or interrupted) events older than the window: retry them from their stored payload.
  const stuck = await db()
    .select({ id: se.id, payload: se.payload })
    .from(se)
    .where(inArray(se.status, ["failed", "processing"]));
  for (const row of stuck) {
    if (report.eventsProcessed.includes(row.id) || report.eventsFailed.some((f) => f.id === row.id)) continue;
    const r = await processStripeEvent(row.payload as Stripe.Event);
    if (r.outcome === "failed") report.eventsFailed.push({ id: row.id, error: r.error ?? "unknown" });
    else if (r.outcome === "processed") report.eventsProcessed.push(row.id);
  }

  const customerIds = new Set<string>();
  for (const r of await db().select({ id: schema.customers.stripeCustomerId }).from(schema.customers))
    customerIds.add(r.id);
  for (const r of await db().selectDistinct({ id: schema.subscriptions.stripeCustomerId }).from(schema.subscriptions))
    customerIds.add(r.id);
  for (const id of customerIds) {
    try {
      const r = await syncSubscription(id);
      report.subscriptionsRepaired.push(...r.drift);
    } catch (e) {
      logger.warn({ err: e, customer: id }, "reconcile: could not re-read subscriptions");
    }
  }

  // Refunds and disputes come within months of a charge: older payments are treated as final.
  const recent = new Date(Date.now() - PAYMENT_WINDOW_DAYS * 86_400_000);
  const payments = await db()
    .selectDistinct({
      pi: schema.payments.stripePaymentIntentId,
      customer: schema.customers.stripeCustomerId,
    })
    .from(schema.payments)
    .leftJoin(schema.customers, eq(schema.customers.userId, schema.payments.userId))
    .where(and(isNotNull(schema.payments.stripePaymentIntentId), gte(schema.payments.createdAt, recent)));
  for (const p of payments) {
    const written = await db().transaction(async (tx) => {
      // The webhook locks by the payment intent's customer: the same key, so the read cannot interleave.
      await lockStripeCustomer(tx, p.customer ?? p.pi!);
      return upsertPayment(await fetchPayment(p.pi!), tx);
    });
    for (const w of written.filter((r) => r.changed))
      report.paymentsRepaired.push({ paymentIntentId: p.pi!, chargeId: w.chargeId, from: w.before, to: w.status });
  }
  if (report.eventsProcessed.length || report.subscriptionsRepaired.length || report.paymentsRepaired.length)
    logger.warn({ report }, "stripe reconcile repaired drift");
  return report;
}
