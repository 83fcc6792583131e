import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = {
  name: string | null;
  planName: string;
  amount: string;
  /** Formatted last day of the grace period, or null. */
  graceUntil: string | null;
  /** The billing page, where "Manage billing" opens the Stripe customer portal. */
  portalUrl: string;
};

const grace = (p: Props) =>
  p.graceUntil
    ? `Your audits keep working until ${p.graceUntil}; after that the plan is paused until the payment succeeds.`
    : "We will retry the payment over the next few days.";

export const billingPaymentFailedEmail = defineTemplate<Props>({
  name: "billing-payment-failed",
  subject: (p) => `Action needed: your ${p.amount} payment failed`,
  html: (p) => (
    <EmailLayout title="Payment failed">
      <p>Hi {p.name ?? "there"},</p>
      <p>
        We could not charge {p.amount} for your {p.planName} plan. Please update your card in the billing portal.
      </p>
      <p>{grace(p)}</p>
      <EmailButton href={p.portalUrl}>Update payment method</EmailButton>
    </EmailLayout>
  ),
  text: (p) =>
    `Hi ${p.name ?? "there"},\n\nWe could not charge ${p.amount} for your ${p.planName} plan. Please update your card in the billing portal:\n${p.portalUrl}\n\n${grace(p)}\n`,
});
