import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { sendEvent } from "@/lib/jobs/send-event";
import { isPlanId, PLANS } from "@/lib/billing/plans";

/** Audits included per period, from the plans file (re-audits only happen while credits remain). */
const auditsPerPeriod = (plan: string) => (isPlanId(plan) ? PLANS[plan].limits.auditsPerPeriod : 0);

/**
 * For each active subscription whose site has no audit this period and has a
 * credit left: create a re-audit (using the credit) and request it, in one
 * transaction per subscription. Idempotent per subscription and period.
 */
export async function requestDueReaudits(now = new Date()): Promise<{ requested: number }> {
  const subs = await db()
    .select()
    .from(schema.subscriptions)
    .where(inArray(schema.subscriptions.status, ["active", "trialing"]));
  let requested = 0;
  for (const sub of subs) {
    if (!sub.userId) continue;
    const periodStart = sub.creditsPeriodStart ?? sub.currentPeriodStart;
    if (!periodStart) continue;
    const ok = await db().transaction(async (tx) => {
      const [last] = await tx
        .select()
        .from(schema.audits)
        .where(eq(schema.audits.userId, sub.userId!))
        .orderBy(desc(schema.audits.createdAt))
        .limit(1);
      if (!last) return false;
      const [recent] = await tx
        .select({ id: schema.audits.id })
        .from(schema.audits)
        .where(
          and(
            eq(schema.audits.userId, sub.userId!),
            eq(schema.audits.siteUrl, last.siteUrl),
            gte(schema.audits.createdAt, periodStart),
          ),
        )
        .limit(1);
      if (recent) return false;
      const used = await tx
        .update(schema.subscriptions)
        .set({ auditsUsed: sql`${schema.subscriptions.auditsUsed} + 1`, updatedAt: now })
        .where(
          and(
            eq(schema.subscriptions.id, sub.id),
            sql`${schema.subscriptions.auditsUsed} < ${auditsPerPeriod(sub.plan)}`,
          ),
        )
        .returning({ id: schema.subscriptions.id });
      if (!used.length) return false;
      const [a] = await tx
        .insert(schema.audits)
        .values({
          userId: sub.userId,
          subscriptionId: sub.id,
          trigger: "reaudit",
          plan: sub.plan,
          siteUrl: last.siteUrl,
          keywords: last.keywords,
          competitors: last.competitors,
          companyName: last.companyName,
        })
        .returning({ id: schema.audits.id });
      await sendEvent(
        {
          name: "audit/requested",
          data: { auditId: a!.id },
          id: `reaudit-${sub.id}-${periodStart.toISOString().slice(0, 10)}`,
        },
        { tx },
      );
      return true;
    });
    if (ok) requested++;
  }
  return { requested };
}
