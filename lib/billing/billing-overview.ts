import { desc, eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { getEntitlement } from "./entitlements";
import { listUserInvoices } from "./invoices";
import { isPlanId, PLANS } from "./plans";
import { stripeCustomerIdFor } from "./customers";

/** Everything the dashboard's billing page shows, for one user. */
export async function billingOverview(userId: string) {
  const s = schema.subscriptions;
  const [subs, entitlement, invoices, payments, customerId] = await Promise.all([
    db().select().from(s).where(eq(s.userId, userId)).orderBy(desc(s.createdAt)).limit(5),
    getEntitlement(userId),
    listUserInvoices(userId),
    db()
      .select({
        id: schema.payments.id,
        amount: schema.payments.amount,
        amountRefunded: schema.payments.amountRefunded,
        currency: schema.payments.currency,
        status: schema.payments.status,
        plan: schema.payments.plan,
        stripeInvoiceId: schema.payments.stripeInvoiceId,
        failureMessage: schema.payments.failureMessage,
        createdAt: schema.payments.createdAt,
      })
      .from(schema.payments)
      .where(eq(schema.payments.userId, userId))
      .orderBy(desc(schema.payments.createdAt))
      .limit(50),
    stripeCustomerIdFor(userId),
  ]);
  // The live one if any, else the most recent (to show "cancelled on …").
  const sub = subs.find((x) => !["canceled", "incomplete_expired"].includes(x.status)) ?? subs[0] ?? null;
  const plan = sub && isPlanId(sub.plan) ? PLANS[sub.plan] : null;
  return { subscription: sub, plan, entitlement, invoices, payments, hasBillingAccount: customerId !== null };
}

export type BillingOverview = Awaited<ReturnType<typeof billingOverview>>;
