import type Stripe from "stripe";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { processStripeEvent, type ProcessResult } from "./webhook/process-event";

/**
 * Admin replay of a stored event (typically a failed one): runs the same
 * exactly-once processing as the webhook. A processed or ignored event is a no-op.
 */
export async function replayStripeEvent(eventId: string): Promise<ProcessResult> {
  const [row] = await db().select().from(schema.stripeEvents).where(eq(schema.stripeEvents.id, eventId));
  if (!row) throw new AppError("not_found", `No stored Stripe event ${eventId}.`);
  if (row.status === "processed" || row.status === "ignored") return { outcome: "duplicate" };
  return processStripeEvent(row.payload as Stripe.Event);
}
