import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = {
  name: string | null;
  planName: string;
  /** Formatted date the trial ends. */
  trialEndsOn: string;
  /** Formatted price charged then, e.g. "$2,500 / month". */
  price: string;
  portalUrl: string;
};

export const billingTrialEndingEmail = defineTemplate<Props>({
  name: "billing-trial-ending",
  subject: (p) => `Your ${p.planName} trial ends on ${p.trialEndsOn}`,
  html: (p) => (
    <EmailLayout title="Your trial is ending">
      <p>Hi {p.name ?? "there"},</p>
      <p>
        Your {p.planName} trial ends on {p.trialEndsOn}. Your card will then be charged {p.price} and your audits
        continue without interruption.
      </p>
      <p>To change plan or cancel before then, open the billing portal.</p>
      <EmailButton href={p.portalUrl}>Manage billing</EmailButton>
    </EmailLayout>
  ),
  text: (p) =>
    `Hi ${p.name ?? "there"},\n\nYour ${p.planName} trial ends on ${p.trialEndsOn}. Your card will then be charged ${p.price} and your audits continue without interruption.\n\nTo change plan or cancel before then: ${p.portalUrl}\n`,
});
