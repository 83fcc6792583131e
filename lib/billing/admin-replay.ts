import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { AppError } from "@/lib/errors";
import { replayStripeEvent } from "./replay-event";

/**
 * An admin re-runs a stored Stripe event through the webhook handlers (billing
 * core's replayStripeEvent), audit-logged. Unknown ids are a 404.
 */
export async function replayStripeEventAsAdmin(
  admin: { id: string; email: string },
  eventId: string,
  meta: RequestMeta = {},
): Promise<{ eventId: string; status: string | null; result: unknown }> {
  const [before] = await db()
    .select({ id: schema.stripeEvents.id, type: schema.stripeEvents.type })
    .from(schema.stripeEvents)
    .where(eq(schema.stripeEvents.id, eventId));
  if (!before) throw new AppError("not_found", "No such Stripe event.");
  const result = await replayStripeEvent(eventId);
  const [after] = await db()
    .select({ status: schema.stripeEvents.status, error: schema.stripeEvents.error })
    .from(schema.stripeEvents)
    .where(eq(schema.stripeEvents.id, eventId));
  await recordAuditLog({
    actor: admin,
    action: "admin.stripe_event.replayed",
    target: { type: "stripe_event", id: eventId },
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { type: before.type, status: after?.status ?? null },
  });
  return { eventId, status: after?.status ?? null, result: result ?? null };
}
