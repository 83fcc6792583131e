import { and, desc, eq, sql } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { AppError } from "@/lib/errors";
import { isPlanId, PLANS, type PlanId, type PlanLimits } from "./plans";

/** Days a past_due subscription keeps its entitlements while Stripe retries the card. */
export const GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

export type EntitlementAction = { label: string; href: string };
export type Entitlement =
  | {
      allowed: true;
      plan: PlanId;
      limits: PlanLimits;
      creditsLeft: number;
      periodEnd: Date | null;
      subscriptionId: string;
      /** Set while past_due: when access ends unless the card is fixed. */
      graceEndsAt?: Date;
    }
  | { allowed: false; reason: string; action: EntitlementAction };

type SubRow = typeof schema.subscriptions.$inferSelect;

const CHOOSE_PLAN: EntitlementAction = { label: "Choose a plan", href: "/pricing" };
/** The billing page: its portal button (POST /api/billing/portal) fixes cards, resumes and switches plans. */
const PORTAL = "/dashboard/billing";
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Most useful subscription first: one that grants access, then the newest. */
async function currentSubscription(userId: string, q: Tx | ReturnType<typeof db>, lock = false) {
  const t = schema.subscriptions;
  const base = q
    .select()
    .from(t)
    .where(eq(t.userId, userId))
    .orderBy(
      sql`case ${t.status} when 'active' then 0 when 'trialing' then 0 when 'past_due' then 1 else 3 end`,
      desc(t.currentPeriodEnd),
      desc(t.createdAt),
    )
    .limit(1);
  const [row] = lock ? await base.for("update") : await base;
  return row ?? null;
}

/** The rules, as a pure function of one subscription row and the time. */
export function evaluateSubscription(sub: SubRow | null, now: Date): Entitlement {
  if (!sub) return { allowed: false, reason: "You do not have a subscription yet.", action: CHOOSE_PLAN };
  if (!isPlanId(sub.plan))
    return { allowed: false, reason: "Your subscription is not on a current plan.", action: CHOOSE_PLAN };
  const periodEnd = sub.currentPeriodEnd;
  let graceEndsAt: Date | undefined;
  switch (sub.status) {
    case "active":
    case "trialing":
      if (sub.cancelAtPeriodEnd && periodEnd && now >= periodEnd)
        return { allowed: false, reason: `Your subscription ended on ${day(periodEnd)}.`, action: CHOOSE_PLAN };
      break;
    case "past_due": {
      const since = sub.pastDueSince ?? sub.currentPeriodStart ?? now;
      graceEndsAt = new Date(since.getTime() + GRACE_DAYS * DAY_MS);
      if (now >= graceEndsAt)
        return {
          allowed: false,
          reason: `Your last payment failed and the ${GRACE_DAYS}-day grace period ended on ${day(graceEndsAt)}.`,
          action: { label: "Update your card", href: PORTAL },
        };
      break;
    }
    case "unpaid":
      return {
        allowed: false,
        reason: "Your subscription is unpaid.",
        action: { label: "Update your card", href: PORTAL },
      };
    case "paused":
      return {
        allowed: false,
        reason: "Your subscription is paused.",
        action: { label: "Resume your subscription", href: PORTAL },
      };
    default:
      return { allowed: false, reason: "Your subscription has ended.", action: CHOOSE_PLAN };
  }
  const limits = PLANS[sub.plan].limits;
  const creditsLeft = Math.max(limits.auditsPerPeriod - sub.auditsUsed, 0);
  if (creditsLeft === 0)
    return {
      allowed: false,
      reason: `You have used all ${limits.auditsPerPeriod} audits of this period${periodEnd ? `; they renew on ${day(periodEnd)}` : ""}.`,
      action: { label: "Upgrade your plan", href: PORTAL },
    };
  return {
    allowed: true,
    plan: sub.plan,
    limits,
    creditsLeft,
    periodEnd,
    subscriptionId: sub.id,
    ...(graceEndsAt ? { graceEndsAt } : {}),
  };
}

/**
 * May this user start an audit now, and with which limits? Active or trialing
 * subscription with credits left in the current period; a 7-day grace while
 * past_due; nothing after cancellation (or after the period end of a subscription
 * set to cancel, even before Stripe's deletion event arrives).
 */
export async function getEntitlement(userId: string, opts: { now?: Date; tx?: Tx } = {}): Promise<Entitlement> {
  return evaluateSubscription(await currentSubscription(userId, opts.tx ?? db()), opts.now ?? new Date());
}

/**
 * Uses one audit credit, in the caller's transaction (with the audit it pays for).
 * No entitlement → AppError payment_required (402) with the reason and the action.
 */
export async function consumeCredit(
  userId: string,
  tx: Tx,
  opts: { now?: Date } = {},
): Promise<{ subscriptionId: string; plan: PlanId; limits: PlanLimits }> {
  const sub = await currentSubscription(userId, tx, true);
  const e = evaluateSubscription(sub, opts.now ?? new Date());
  if (!e.allowed) throw new AppError("payment_required", e.reason, { details: { action: e.action } });
  await spendCredit(e.subscriptionId, tx);
  return { subscriptionId: e.subscriptionId, plan: e.plan, limits: e.limits };
}

/** Counts one audit against the subscription's current credit period. */
export async function spendCredit(subscriptionId: string, tx: Tx): Promise<void> {
  const t = schema.subscriptions;
  await tx
    .update(t)
    .set({
      auditsUsed: sql`${t.auditsUsed} + 1`,
      creditsPeriodStart: sql`coalesce(${t.creditsPeriodStart}, ${t.currentPeriodStart})`,
      updatedAt: new Date(),
    })
    .where(eq(t.id, subscriptionId));
}

/**
 * Counts one audit against the period starting at `periodStart` (fulfilment: the
 * checkout's first period), whatever order the renewal's invoice.paid and the
 * checkout arrive in: a period already reset past it is left alone; a newer
 * period not yet reset starts here with this one audit.
 */
export async function spendCreditForPeriod(subscriptionId: string, periodStart: Date, tx: Tx): Promise<void> {
  const t = schema.subscriptions;
  const p = sql`${periodStart.toISOString()}::timestamptz`;
  await tx
    .update(t)
    .set({
      auditsUsed: sql`case when ${t.creditsPeriodStart} = ${p} then ${t.auditsUsed} + 1 else 1 end`,
      creditsPeriodStart: p,
      updatedAt: new Date(),
    })
    .where(and(eq(t.id, subscriptionId), sql`(${t.creditsPeriodStart} is null or ${t.creditsPeriodStart} <= ${p})`));
}

/**
 * Gives a failed audit's credit back, once (audits.creditReturned), and only into
 * the period it was taken from: after a renewal reset there is nothing to return.
 */
export async function returnCredit(auditId: string, tx: Tx): Promise<boolean> {
  const [a] = await tx.select().from(schema.audits).where(eq(schema.audits.id, auditId)).for("update");
  if (!a?.subscriptionId || a.creditReturned !== 0) return false;
  const t = schema.subscriptions;
  const sub = await tx
    .update(t)
    .set({ auditsUsed: sql`greatest(${t.auditsUsed} - 1, 0)`, updatedAt: new Date() })
    .where(
      and(
        eq(t.id, a.subscriptionId),
        sql`(${t.creditsPeriodStart} is null or ${t.creditsPeriodStart} <= ${a.createdAt.toISOString()}::timestamptz)`,
      ),
    )
    .returning({ id: t.id });
  if (!sub.length) return false;
  await tx.update(schema.audits).set({ creditReturned: 1 }).where(eq(schema.audits.id, auditId));
  return true;
}

/**
 * A paid invoice for a newer period resets the credits. Older or repeated
 * invoices change nothing, so delivery order does not matter.
 */
export async function resetCreditsForPeriod(subscriptionId: string, periodStart: Date, tx: Tx): Promise<boolean> {
  const t = schema.subscriptions;
  const rows = await tx
    .update(t)
    .set({ creditsPeriodStart: periodStart, auditsUsed: 0, updatedAt: new Date() })
    .where(
      and(
        eq(t.id, subscriptionId),
        sql`(${t.creditsPeriodStart} is null or ${t.creditsPeriodStart} < ${periodStart.toISOString()}::timestamptz)`,
      ),
    )
    .returning({ id: t.id });
  return rows.length === 1;
}
