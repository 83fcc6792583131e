import { defineJob } from "@/lib/jobs/define";
import { sendBillingEmail } from "@/lib/billing/send-billing-email";

/** billing/email.requested → the customer's billing email (receipt, failed payment, refund…), once per template+ref. */
export const sendBillingEmailJob = defineJob(
  {
    id: "send-billing-email",
    trigger: { event: "billing/email.requested" },
    retries: 5,
  },
  async ({ event, step }) => step.run("send-email", () => sendBillingEmail(event.data)),
);
