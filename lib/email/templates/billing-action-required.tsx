import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = {
  name: string | null;
  planName: string;
  amount: string;
  /** Stripe's hosted invoice page, where the bank's confirmation (3-D Secure) is completed. */
  confirmUrl: string;
};

export const billingActionRequiredEmail = defineTemplate<Props>({
  name: "billing-action-required",
  subject: (p) => `Please confirm your ${p.amount} payment`,
  html: (p) => (
    <EmailLayout title="Confirm your payment">
      <p>Hi {p.name ?? "there"},</p>
      <p>
        Your bank asks you to confirm the {p.amount} payment for your {p.planName} plan. It takes a minute and keeps
        your plan active.
      </p>
      <EmailButton href={p.confirmUrl}>Confirm the payment</EmailButton>
    </EmailLayout>
  ),
  text: (p) =>
    `Hi ${p.name ?? "there"},\n\nYour bank asks you to confirm the ${p.amount} payment for your ${p.planName} plan. It takes a minute and keeps your plan active:\n${p.confirmUrl}\n`,
});
