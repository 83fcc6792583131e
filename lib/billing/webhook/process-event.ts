import type Stripe from "stripe";
import { eq, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { logger } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";
import { lockStripeCustomer } from "../customer-lock";
import { handlerFor } from "./handlers";

export type ProcessOutcome = "processed" | "duplicate" | "ignored" | "failed";
export type ProcessResult = { outcome: ProcessOutcome; error?: string };

const DUPLICATE = Symbol("duplicate");

/**
 * Applies one verified Stripe event exactly once. The handler runs in one
 * transaction with the event's processed mark: a duplicate finds the mark and
 * does nothing; a throwing handler leaves nothing behind except the failure
 * record (status, attempts, error) that Stripe's retry, reconciliation or an
 * admin replay picks up. Types outside the allow-list are stored as ignored.
 */
export async function processStripeEvent(event: Stripe.Event): Promise<ProcessResult> {
  const se = schema.stripeEvents;
  const count = (outcome: ProcessOutcome) => metrics().webhookEvents.inc({ type: event.type, outcome });
  const handler = handlerFor(event.type);
  const base = { id: event.id, type: event.type, created: event.created, payload: event as unknown as object };
  if (!handler) {
    await db()
      .insert(se)
      .values({ ...base, status: "ignored", attempts: 1, processedAt: new Date() })
      .onConflictDoNothing();
    count("ignored");
    return { outcome: "ignored" };
  }
  // Redeliveries of a processed event are the common duplicate: answer them without re-reading Stripe.
  const [seen] = await db().select({ status: se.status }).from(se).where(eq(se.id, event.id));
  if (seen?.status === "processed" || seen?.status === "ignored") {
    count("duplicate");
    return { outcome: "duplicate" };
  }
  try {
    const r = await db().transaction(async (tx) => {
      await tx
        .insert(se)
        .values({ ...base, status: "processing", attempts: 0 })
        .onConflictDoNothing();
      const [row] = await tx.select({ status: se.status }).from(se).where(eq(se.id, event.id)).for("update");
      if (row?.status === "processed" || row?.status === "ignored") return DUPLICATE;
      await lockStripeCustomer(tx, lockKey(event));
      await handler(event, tx);
      await tx
        .update(se)
        .set({ status: "processed", attempts: sql`${se.attempts} + 1`, error: null, processedAt: new Date() })
        .where(eq(se.id, event.id));
      return "processed" as const;
    });
    const outcome = r === DUPLICATE ? "duplicate" : "processed";
    count(outcome);
    return { outcome };
  } catch (e) {
    const error = errorText(e);
    logger.error({ err: e, eventId: event.id, type: event.type }, "stripe event failed");
    await db()
      .insert(se)
      .values({ ...base, status: "failed", attempts: 1, error })
      .onConflictDoUpdate({
        target: se.id,
        set: { status: "failed", attempts: sql`${se.attempts} + 1`, error },
        setWhere: sql`${se.status} <> 'processed'`,
      });
    count("failed");
    return { outcome: "failed", error };
  }
}

/** The root cause's message (a driver error wrapped by drizzle says "Failed query: …" with every parameter). */
function errorText(e: unknown): string {
  let cur: unknown = e;
  while (cur instanceof Error && cur.cause instanceof Error) cur = cur.cause;
  const message = cur instanceof Error ? cur.message : String(cur);
  return message.slice(0, 1000);
}

/** The Stripe customer an event is about (the object itself for customer.*), else the object's id. */
function lockKey(event: Stripe.Event): string {
  const o = event.data.object as { id?: unknown; object?: unknown; customer?: unknown };
  if (o.object === "customer" && typeof o.id === "string") return o.id;
  if (typeof o.customer === "string") return o.customer;
  if (o.customer && typeof o.customer === "object" && typeof (o.customer as { id?: unknown }).id === "string")
    return (o.customer as { id: string }).id;
  return typeof o.id === "string" ? o.id : event.id;
}
