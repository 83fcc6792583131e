import { and, desc, eq } from "drizzle-orm";
import { db, schema } from "@/db";

export type CheckoutChoices = {
  plan: string;
  interval: string;
  siteUrl: string;
  keywords: string[];
  competitors: string[];
  companyName: string | null;
};

/**
 * What the user chose for a checkout they abandoned, so the cancel page can put
 * it back on the pricing form. Only the session's owner gets it back.
 */
export async function checkoutChoices(sessionId: string, userId: string): Promise<CheckoutChoices | null> {
  const [row] = await db()
    .select()
    .from(schema.checkoutSessions)
    .where(and(eq(schema.checkoutSessions.id, sessionId), eq(schema.checkoutSessions.userId, userId)));
  if (!row) return null;
  const r = row.auditRequest;
  return {
    plan: row.plan,
    interval: row.interval,
    siteUrl: r.siteUrl,
    keywords: r.keywords ?? [],
    competitors: r.competitors ?? [],
    companyName: r.companyName ?? null,
  };
}

/** The user's newest checkout still open or expired (Stripe's cancel_url carries no session id). */
export async function latestAbandonedCheckout(userId: string, plan?: string): Promise<CheckoutChoices | null> {
  const c = schema.checkoutSessions;
  const [row] = await db()
    .select({ id: c.id })
    .from(c)
    .where(and(eq(c.userId, userId), plan ? eq(c.plan, plan) : undefined))
    .orderBy(desc(c.createdAt))
    .limit(1);
  return row ? checkoutChoices(row.id, userId) : null;
}
