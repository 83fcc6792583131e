import type Stripe from "stripe";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { stripe, webhookSecrets } from "../stripe-client";

/** Stripe events are a few KB; anything this large is not one. */
export const WEBHOOK_MAX_BODY_BYTES = 512 * 1024;

const eventShape = z.looseObject({
  id: z.string().startsWith("evt_"),
  type: z.string().min(1),
  created: z.number().int().positive(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

/**
 * Verifies the `Stripe-Signature` of the raw body against the current and the
 * previous secret (rotation), with the configured timestamp tolerance, then
 * checks the event's shape. Every failure is a 400 that says why.
 */
export function verifyStripeEvent(raw: Buffer, signature: string | null): Stripe.Event {
  if (!signature) throw new AppError("bad_request", "Missing Stripe-Signature header.");
  const tolerance = env().STRIPE_WEBHOOK_TOLERANCE;
  let lastError: unknown;
  for (const secret of webhookSecrets()) {
    let event: unknown;
    try {
      event = stripe().webhooks.constructEvent(raw, signature, secret, tolerance);
    } catch (e) {
      if (e instanceof SyntaxError) throw new AppError("bad_request", "Webhook body is not valid JSON.");
      lastError = e;
      continue;
    }
    const parsed = eventShape.safeParse(event);
    if (!parsed.success) throw new AppError("bad_request", "Webhook body is not a Stripe event.");
    return event as Stripe.Event;
  }
  const message = lastError instanceof Error ? lastError.message : "signature mismatch";
  throw new AppError("bad_request", `Stripe signature verification failed: ${message.split("\n")[0]}`);
}
