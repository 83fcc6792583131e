import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = {
  name: string | null;
  /** Formatted total refunded so far on the payment. */
  amount: string;
  /** Formatted original payment, or null. */
  paymentAmount: string | null;
  /** Everything has been refunded. */
  full: boolean;
  dashboardUrl: string;
};

const what = (p: Props) =>
  p.full || !p.paymentAmount
    ? `Your ${p.paymentAmount ?? p.amount} payment has been refunded in full to your card.`
    : `${p.amount} of your ${p.paymentAmount} payment has now been refunded to your card.`;

export const billingRefundIssuedEmail = defineTemplate<Props>({
  name: "billing-refund-issued",
  subject: (p) => `Refund of ${p.amount} issued`,
  html: (p) => (
    <EmailLayout title="Refund issued">
      <p>Hi {p.name ?? "there"},</p>
      <p>{what(p)}</p>
      <p>Depending on your bank it appears on your statement within 5–10 business days.</p>
      <EmailButton href={p.dashboardUrl}>View billing</EmailButton>
    </EmailLayout>
  ),
  text: (p) =>
    `Hi ${p.name ?? "there"},\n\n${what(p)}\nDepending on your bank it appears on your statement within 5–10 business days.\n\nBilling: ${p.dashboardUrl}\n`,
});
