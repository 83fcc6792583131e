import { route } from "@/lib/http/route";
import { receiveStripeWebhook } from "@/lib/billing/webhook/receive";

/** Stripe webhooks: the body is read raw (the signature covers its exact bytes), never rate-limited. */
export const POST = route({ name: "webhooks.stripe", auth: "public", rateLimit: false }, async ({ req }) =>
  receiveStripeWebhook(req),
);
