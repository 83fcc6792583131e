import { eq } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { stripe } from "./stripe-client";

export type BillingUser = { id: string; email: string; name?: string | null };

/**
 * The user's one Stripe customer, created on first checkout and stored. The
 * idempotency key makes two concurrent first checkouts create one customer.
 */
export async function ensureStripeCustomer(user: BillingUser): Promise<string> {
  const existing = await stripeCustomerIdFor(user.id);
  if (existing) return existing;
  const customer = await stripe().customers.create(
    { email: user.email, ...(user.name ? { name: user.name } : {}), metadata: { userId: user.id } },
    { idempotencyKey: `customer-${user.id}` },
  );
  await db().insert(schema.customers).values({ userId: user.id, stripeCustomerId: customer.id }).onConflictDoNothing();
  return (await stripeCustomerIdFor(user.id)) ?? customer.id;
}

export async function stripeCustomerIdFor(
  userId: string,
  q: Tx | ReturnType<typeof db> = db(),
): Promise<string | null> {
  const [row] = await q
    .select({ id: schema.customers.stripeCustomerId })
    .from(schema.customers)
    .where(eq(schema.customers.userId, userId));
  return row?.id ?? null;
}

export async function userIdForCustomer(
  stripeCustomerId: string,
  q: Tx | ReturnType<typeof db> = db(),
): Promise<string | null> {
  const [row] = await q
    .select({ userId: schema.customers.userId })
    .from(schema.customers)
    .where(eq(schema.customers.stripeCustomerId, stripeCustomerId));
  return row?.userId ?? null;
}
