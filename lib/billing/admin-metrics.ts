import { and, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { CURRENCY, INTERVALS, isPlanId, PLAN_IDS, PLANS, type BillingInterval, type PlanId } from "./plans";

/** Subscriptions that bring in money: paying now, or past due within dunning (Stripe counts these in MRR too). */
export const REVENUE_STATUSES = ["active", "past_due"] as const;

const DAY = 24 * 60 * 60 * 1000;
const num = (v: unknown) => Number(v ?? 0);

export type BillingKpis = {
  currency: string;
  /** Cents per month: monthly prices, plus annual prices / 12 — all from the plans file. */
  mrr: number;
  /** Cents per year: monthly prices × 12 plus annual prices. */
  arr: number;
  activeByPlan: Record<PlanId, number>;
  activeTotal: number;
  trialing: number;
  windowDays: number;
  revenue: { gross: number; refunded: number; net: number; payments: number };
  refunds: { count: number; amount: number };
  failedPayments: number;
  funnel: { started: number; completed: number; expired: number; failed: number; open: number; conversion: number };
};

/** Annual run rate of one subscription at list price (the plans file is the source of truth, not Stripe amounts). */
export function annualValue(plan: string, interval: string): number {
  if (!isPlanId(plan)) return 0;
  const i: BillingInterval = (INTERVALS as readonly string[]).includes(interval)
    ? (interval as BillingInterval)
    : "month";
  return i === "year" ? PLANS[plan].prices.year : PLANS[plan].prices.month * 12;
}

/** The numbers at the top of /admin/billing. */
export async function billingKpis(now = new Date(), windowDays = 30): Promise<BillingKpis> {
  const since = new Date(now.getTime() - windowDays * DAY);
  const s = schema.subscriptions;
  const p = schema.payments;
  const c = schema.checkoutSessions;
  const [subs, pay, refunds, failed, funnelRows] = await Promise.all([
    db()
      .select({ plan: s.plan, interval: s.interval, status: s.status, n: sql`count(*)`.mapWith(num) })
      .from(s)
      .where(inArray(s.status, [...REVENUE_STATUSES, "trialing"]))
      .groupBy(s.plan, s.interval, s.status),
    db()
      .select({
        gross: sql`coalesce(sum(${p.amount}), 0)`.mapWith(num),
        refunded: sql`coalesce(sum(${p.amountRefunded}), 0)`.mapWith(num),
        n: sql`count(*)`.mapWith(num),
      })
      .from(p)
      .where(and(ne(p.status, "failed"), gte(p.createdAt, since))),
    // No refund timestamp is mirrored; a payment's updated_at moves when charge.refunded lands.
    db()
      .select({ n: sql`count(*)`.mapWith(num), amount: sql`coalesce(sum(${p.amountRefunded}), 0)`.mapWith(num) })
      .from(p)
      .where(and(sql`${p.amountRefunded} > 0`, gte(p.updatedAt, since))),
    db()
      .select({ n: sql`count(*)`.mapWith(num) })
      .from(p)
      .where(and(eq(p.status, "failed"), gte(p.createdAt, since))),
    db()
      .select({ status: c.status, n: sql`count(*)`.mapWith(num) })
      .from(c)
      .where(gte(c.createdAt, since))
      .groupBy(c.status),
  ]);

  const activeByPlan = Object.fromEntries(PLAN_IDS.map((id) => [id, 0])) as Record<PlanId, number>;
  let arr = 0;
  let trialing = 0;
  for (const r of subs) {
    if (r.status === "trialing") {
      trialing += r.n;
      continue;
    }
    if (isPlanId(r.plan)) activeByPlan[r.plan] += r.n;
    arr += annualValue(r.plan, r.interval) * r.n;
  }
  const funnel = { started: 0, completed: 0, expired: 0, failed: 0, open: 0, conversion: 0 };
  for (const r of funnelRows) {
    funnel.started += r.n;
    if (r.status === "complete") funnel.completed += r.n;
    else if (r.status === "expired") funnel.expired += r.n;
    else if (r.status === "failed") funnel.failed += r.n;
    else funnel.open += r.n;
  }
  funnel.conversion = funnel.started ? funnel.completed / funnel.started : 0;
  const gross = pay[0]?.gross ?? 0;
  const refunded = pay[0]?.refunded ?? 0;
  return {
    currency: CURRENCY,
    mrr: Math.round(arr / 12),
    arr,
    activeByPlan,
    activeTotal: Object.values(activeByPlan).reduce((a, b) => a + b, 0),
    trialing,
    windowDays,
    revenue: { gross, refunded, net: gross - refunded, payments: pay[0]?.n ?? 0 },
    refunds: { count: refunds[0]?.n ?? 0, amount: refunds[0]?.amount ?? 0 },
    failedPayments: failed[0]?.n ?? 0,
    funnel,
  };
}

/** Newest payments with the payer, for the refund table. */
export async function recentPayments(limit = 50) {
  const p = schema.payments;
  return db()
    .select({
      id: p.id,
      userId: p.userId,
      email: sql<string | null>`coalesce(${p.billingEmail}, ${schema.users.email})`,
      plan: p.plan,
      amount: p.amount,
      amountRefunded: p.amountRefunded,
      currency: p.currency,
      status: p.status,
      failureMessage: p.failureMessage,
      stripeChargeId: p.stripeChargeId,
      createdAt: p.createdAt,
    })
    .from(p)
    .leftJoin(schema.users, eq(schema.users.id, p.userId))
    .orderBy(desc(p.createdAt))
    .limit(limit);
}

export async function listSubscriptions(limit = 100) {
  const s = schema.subscriptions;
  return db()
    .select({
      id: s.id,
      email: schema.users.email,
      status: s.status,
      plan: s.plan,
      interval: s.interval,
      currentPeriodEnd: s.currentPeriodEnd,
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      auditsUsed: s.auditsUsed,
      createdAt: s.createdAt,
    })
    .from(s)
    .leftJoin(schema.users, eq(schema.users.id, s.userId))
    .orderBy(desc(s.createdAt))
    .limit(limit);
}

/** Webhook events whose handler threw: what an admin can replay. */
export async function failedStripeEvents(limit = 50) {
  const e = schema.stripeEvents;
  return db()
    .select({
      id: e.id,
      type: e.type,
      created: e.created,
      attempts: e.attempts,
      error: e.error,
      receivedAt: e.receivedAt,
    })
    .from(e)
    .where(eq(e.status, "failed"))
    .orderBy(desc(e.receivedAt))
    .limit(limit);
}
