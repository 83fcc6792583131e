import { and, eq } from "drizzle-orm";
import { db, schema, type Tx } from "@/db";
import { stripe } from "./stripe-client";

export type BillingUser = { id: string; email: string; name?: string | null };

/**
 * The user's one Stripe customer, created on first checkout and stored. The
 * idempotency key makes two concurrent first checkouts create one customer.
 * After the stored customer was deleted in Stripe (and unlinked), that key would
 * replay the deleted one for a day: a replayed customer that no longer exists is
 * replaced under a key naming it.
 */
export async function ensureStripeCustomer(user: BillingUser): Promise<string> {
  const existing = await stripeCustomerIdFor(user.id);
  if (existing) return existing;
  const create = (key: string) =>
    stripe().customers.create(
      { email: user.email, ...(user.name ? { name: user.name } : {}), metadata: { userId: user.id } },
      { idempotencyKey: key },
    );
  let customer = await create(`customer-${user.id}`);
  for (let i = 0; i < 5 && customer.lastResponse?.headers?.["idempotent-replayed"] === "true"; i++) {
    // Stripe answers a deleted customer with `deleted: true` (the emulator with a 404).
    const gone = await stripe()
      .customers.retrieve(customer.id)
      .then(
        (c) => "deleted" in c && c.deleted === true,
        (e: { code?: unknown }) => (e?.code === "resource_missing" ? true : Promise.reject(e)),
      );
    if (!gone) break;
    customer = await create(`customer-${user.id}-after-${customer.id}`);
  }
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

/** Stripe says the customer we stored is gone (deleted in its dashboard; our customer.deleted not processed yet). */
export function isMissingCustomer(e: unknown): boolean {
  const err = e as { code?: unknown; param?: unknown } | null;
  return err?.code === "resource_missing" && err.param === "customer";
}

/** What the customer.deleted webhook does, done early: the next checkout creates a new customer. */
export async function forgetStripeCustomer(userId: string, stripeCustomerId: string): Promise<void> {
  await db()
    .delete(schema.customers)
    .where(and(eq(schema.customers.userId, userId), eq(schema.customers.stripeCustomerId, stripeCustomerId)));
}
