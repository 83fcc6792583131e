import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = {
  name: string | null;
  planName: string;
  /** Formatted date access ended (or ends), or null. */
  accessUntil: string | null;
  pricingUrl: string;
};

const ended = (p: Props) =>
  p.accessUntil
    ? `Your ${p.planName} plan has been cancelled; access ends on ${p.accessUntil}.`
    : `Your ${p.planName} plan has been cancelled.`;

export const billingSubscriptionCancelledEmail = defineTemplate<Props>({
  name: "billing-subscription-cancelled",
  subject: (p) => `Your ${p.planName} plan has been cancelled`,
  html: (p) => (
    <EmailLayout title="Plan cancelled">
      <p>Hi {p.name ?? "there"},</p>
      <p>{ended(p)}</p>
      <p>Your past reports stay on your dashboard. You can come back at any time.</p>
      <EmailButton href={p.pricingUrl}>See plans</EmailButton>
    </EmailLayout>
  ),
  text: (p) =>
    `Hi ${p.name ?? "there"},\n\n${ended(p)}\n\nYour past reports stay on your dashboard. You can come back at any time: ${p.pricingUrl}\n`,
});
