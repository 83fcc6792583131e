import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render";
import { billingActionRequiredEmail } from "@/lib/email/templates/billing-action-required";
import { billingPaymentFailedEmail } from "@/lib/email/templates/billing-payment-failed";
import { billingReceiptEmail } from "@/lib/email/templates/billing-receipt";
import { billingRefundIssuedEmail } from "@/lib/email/templates/billing-refund-issued";
import { billingSubscriptionCancelledEmail } from "@/lib/email/templates/billing-subscription-cancelled";
import { billingTrialEndingEmail } from "@/lib/email/templates/billing-trial-ending";

const BILLING = "https://app.test/dashboard/billing";

describe("billing email templates", () => {
  it("receipt: amount, plan, invoice link, paid-through date; escapes the name", () => {
    const m = renderEmail(billingReceiptEmail, {
      name: "Zoë <script>",
      planName: "Pro",
      amount: "$3,000",
      invoiceNumber: "INV-0001",
      invoiceUrl: "https://app.test/api/invoices/in_1",
      paidThrough: "December 20, 2026",
      dashboardUrl: BILLING,
    });
    expect(m.subject).toBe("Receipt: $3,000 for SEO Health Report Pro");
    expect(m.html).toContain("Zoë &lt;script&gt;");
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain('href="https://app.test/api/invoices/in_1"');
    expect(m.text).toContain("We received your payment of $3,000 for the Pro plan (invoice INV-0001).");
    expect(m.text).toContain("paid through December 20, 2026");
  });

  it("receipt without a mirrored invoice has no PDF button", () => {
    const m = renderEmail(billingReceiptEmail, {
      name: null,
      planName: "Basic",
      amount: "$800",
      invoiceNumber: null,
      invoiceUrl: null,
      paidThrough: null,
      dashboardUrl: BILLING,
    });
    expect(m.html).not.toContain("Download the invoice");
    expect(m.text).toMatch(/^Hi there,/);
  });

  it("payment failed: links the portal and names the grace period", () => {
    const m = renderEmail(billingPaymentFailedEmail, {
      name: "Ann",
      planName: "Pro",
      amount: "$2,500",
      graceUntil: "December 1, 2026",
      portalUrl: BILLING,
    });
    expect(m.subject).toBe("Action needed: your $2,500 payment failed");
    expect(m.html).toContain(`href="${BILLING}"`);
    expect(m.text).toContain("until December 1, 2026");
  });

  it("action required, trial ending, cancelled", () => {
    const a = renderEmail(billingActionRequiredEmail, {
      name: "Ann",
      planName: "Pro",
      amount: "$2,500",
      confirmUrl: "https://pay.test/i/1",
    });
    expect(a.html).toContain('href="https://pay.test/i/1"');
    const t = renderEmail(billingTrialEndingEmail, {
      name: "Ann",
      planName: "Enterprise",
      trialEndsOn: "January 3, 2027",
      price: "$6,000 / month",
      portalUrl: BILLING,
    });
    expect(t.subject).toBe("Your Enterprise trial ends on January 3, 2027");
    expect(t.text).toContain("charged $6,000 / month");
    const c = renderEmail(billingSubscriptionCancelledEmail, {
      name: "Ann",
      planName: "Basic",
      accessUntil: "March 1, 2027",
      pricingUrl: "https://app.test/pricing",
    });
    expect(c.text).toContain("access ends on March 1, 2027");
  });

  it("refund issued: partial and full wording", () => {
    const partial = renderEmail(billingRefundIssuedEmail, {
      name: "Ann",
      amount: "$1,000",
      paymentAmount: "$3,000",
      full: false,
      dashboardUrl: BILLING,
    });
    expect(partial.subject).toBe("Refund of $1,000 issued");
    expect(partial.text).toContain("$1,000 of your $3,000 payment has now been refunded");
    const full = renderEmail(billingRefundIssuedEmail, {
      name: "Ann",
      amount: "$3,000",
      paymentAmount: "$3,000",
      full: true,
      dashboardUrl: BILLING,
    });
    expect(full.text).toContain("Your $3,000 payment has been refunded in full");
  });
});
