import Stripe from "stripe";
import { env } from "@/lib/env";

/** The emulator's API key (emulator/stripe accepts it); configuration, not a code path. */
export const EMULATOR_SECRET_KEY = "sk_test_emulator";
export const EMULATOR_WEBHOOK_SECRET = "whsec_emulator_dev_secret";

const g = globalThis as unknown as { __seoStripe?: Stripe };

/**
 * The one Stripe client. A real key talks to api.stripe.com; no key (or the
 * emulator's) points the same SDK at the local emulator through host/port/protocol.
 * Nothing downstream knows which.
 */
export function stripe(): Stripe {
  if (g.__seoStripe) return g.__seoStripe;
  const e = env();
  const key = e.STRIPE_SECRET_KEY || EMULATOR_SECRET_KEY;
  const common = { maxNetworkRetries: 2, timeout: 10_000, appInfo: { name: "seo-health-report" } } as const;
  if (key === EMULATOR_SECRET_KEY) {
    const u = new URL(e.STRIPE_EMULATOR_URL);
    g.__seoStripe = new Stripe(key, {
      ...common,
      host: u.hostname,
      port: Number(u.port || (u.protocol === "https:" ? 443 : 80)),
      protocol: u.protocol === "https:" ? "https" : "http",
    });
  } else {
    g.__seoStripe = new Stripe(key, common);
  }
  return g.__seoStripe;
}

export function resetStripeClient(): void {
  g.__seoStripe = undefined;
}

/** Secrets accepted on incoming webhooks: current, plus the previous one during rotation. */
export function webhookSecrets(): string[] {
  const e = env();
  const current = e.STRIPE_WEBHOOK_SECRET || EMULATOR_WEBHOOK_SECRET;
  return [current, e.STRIPE_WEBHOOK_SECRET_PREVIOUS].filter((s): s is string => Boolean(s));
}
