import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

/**
 * Serialises everything that re-reads one Stripe customer's state and writes it
 * (webhook handlers, the success page, reconciliation). Without it two events
 * processed at once could each read Stripe, and the one that read *older* state
 * could commit last. Held until the transaction ends; re-entrant in one transaction.
 * Taken before the Stripe re-read on purpose: the read must happen inside the lock.
 */
export async function lockStripeCustomer(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`stripe-customer:${key}`}))`);
}
