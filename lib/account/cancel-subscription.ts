import { stripe } from "@/lib/billing/stripe-client";

/** Cancels one Stripe subscription immediately. Swappable so tests run without the Stripe emulator. */
export type SubscriptionCanceller = (stripeSubscriptionId: string) => Promise<void>;

const g = globalThis as unknown as { __seoCancelSubscription?: SubscriptionCanceller };

const viaStripe: SubscriptionCanceller = async (id) => {
  try {
    await stripe().subscriptions.cancel(id, { invoice_now: false, prorate: false });
  } catch (e) {
    // Already gone at Stripe (deleted, or never existed there): nothing left to cancel.
    const err = e as { code?: string; statusCode?: number };
    if (err.code === "resource_missing" || err.statusCode === 404) return;
    throw e;
  }
};

export function cancelStripeSubscription(id: string): Promise<void> {
  return (g.__seoCancelSubscription ?? viaStripe)(id);
}

/** Tests: replace (or with undefined, restore) the Stripe call. */
export function setSubscriptionCanceller(fn: SubscriptionCanceller | undefined): void {
  g.__seoCancelSubscription = fn;
}
