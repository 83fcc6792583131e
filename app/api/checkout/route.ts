import { route } from "@/lib/http/route";
import { checkoutInput, createCheckout } from "@/lib/billing/create-checkout";

/** Starts a Stripe Checkout for a plan; the client redirects to `url`. */
export const POST = route({ name: "checkout.create", auth: "user", body: checkoutInput }, async ({ user, body }) =>
  createCheckout(user, body),
);
