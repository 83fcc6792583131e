import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { forgetStripeCustomer, isMissingCustomer, stripeCustomerIdFor } from "./customers";
import { stripe } from "./stripe-client";

/** Where the portal's "return" link goes: the billing section of the dashboard. */
export function portalReturnUrl(): string {
  return new URL("/dashboard/billing", env().APP_URL).toString();
}

/**
 * A Stripe customer portal session (cancel, resume, switch plan, replace card,
 * invoices) that returns to the dashboard. Users who never checked out have no
 * Stripe customer, so there is nothing to manage yet.
 */
export async function createPortalSession(userId: string): Promise<{ url: string }> {
  const noAccount = new AppError(
    "not_found",
    "You have no billing account yet. Choose a plan on the pricing page first.",
    {
      details: { action: { label: "See plans", href: "/pricing" } },
    },
  );
  const customer = await stripeCustomerIdFor(userId);
  if (!customer) throw noAccount;
  try {
    const session = await stripe().billingPortal.sessions.create({ customer, return_url: portalReturnUrl() });
    return { url: session.url };
  } catch (e) {
    if (!isMissingCustomer(e)) throw e;
    await forgetStripeCustomer(userId, customer);
    throw noAccount;
  }
}
