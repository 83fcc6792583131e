import { AppError, isAppError } from "@/lib/errors";
import { readRawBody } from "@/lib/http/read-body";
import { processStripeEvent, type ProcessOutcome } from "./process-event";
import { verifyStripeEvent, WEBHOOK_MAX_BODY_BYTES } from "./verify";

/**
 * POST /api/webhooks/stripe: raw body → signature → exactly-once processing.
 * Anything wrong with the request is a 400 that writes nothing; a handler
 * failure is a 500 so that Stripe retries.
 */
export async function receiveStripeWebhook(req: Request): Promise<{ received: true; outcome: ProcessOutcome }> {
  let raw: Buffer;
  try {
    raw = await readRawBody(req, WEBHOOK_MAX_BODY_BYTES);
  } catch (e) {
    // Stripe treats any 4xx as final; "too large" is a bad request here, not something to retry.
    if (isAppError(e) && e.code === "payload_too_large") throw new AppError("bad_request", e.message);
    throw e;
  }
  const event = verifyStripeEvent(raw, req.headers.get("stripe-signature"));
  const r = await processStripeEvent(event);
  if (r.outcome === "failed")
    throw new AppError("internal", `Processing ${event.type} ${event.id} failed; Stripe will retry.`);
  return { received: true, outcome: r.outcome };
}
