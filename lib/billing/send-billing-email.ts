import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, schema } from "@/db";
import { billingActionRequiredEmail } from "@/lib/email/templates/billing-action-required";
import { billingPaymentFailedEmail } from "@/lib/email/templates/billing-payment-failed";
import { billingReceiptEmail } from "@/lib/email/templates/billing-receipt";
import { billingRefundIssuedEmail } from "@/lib/email/templates/billing-refund-issued";
import { billingSubscriptionCancelledEmail } from "@/lib/email/templates/billing-subscription-cancelled";
import { billingTrialEndingEmail } from "@/lib/email/templates/billing-trial-ending";
import { sendEmail } from "@/lib/email/send-email";
import type { EmailTemplate } from "@/lib/email/template";
import { env } from "@/lib/env";
import type { BillingEmailRequestedData } from "@/lib/jobs/events";
import { GRACE_DAYS } from "./entitlements";
import { CURRENCY, formatMoney, isPlanId, PLANS } from "./plans";

// What the webhook handlers put in `data` (lib/billing/webhook/handlers/*); all optional, the mirrored rows fill gaps.
const extra = z
  .object({
    invoiceId: z.string().optional(),
    subscriptionId: z.string().optional(),
    number: z.string().nullish(),
    plan: z.string().nullish(),
    currency: z.string().optional(),
    amountPaid: z.number().int().optional(),
    amountDue: z.number().int().optional(),
    /** refund_issued: total refunded so far on the charge, and the charge amount. */
    amountRefunded: z.number().int().optional(),
    amount: z.number().int().optional(),
    hostedInvoiceUrl: z.string().nullish(),
    trialEnd: z.string().optional(),
  })
  .catch({});

export type BillingEmailResult = { sent: boolean; deduped?: boolean; reason?: string; emailId?: string | null };

const day = (d: Date | null | undefined) =>
  d ? d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }) : null;

/**
 * billing/email.requested → one email, at most once per template and ref
 * (dedupeKey), so webhook retries and replays never send it twice.
 */
export async function sendBillingEmail(input: BillingEmailRequestedData): Promise<BillingEmailResult> {
  const [user] = await db().select().from(schema.users).where(eq(schema.users.id, input.userId));
  if (!user || user.deletedAt) return { sent: false, reason: "user not found" };
  const d = extra.parse(input.data ?? {});
  const invoiceId = d.invoiceId ?? (/^in_\w+$/.test(input.ref) ? input.ref : undefined);
  const [invoice] = invoiceId ? await db().select().from(schema.invoices).where(eq(schema.invoices.id, invoiceId)) : [];
  const subscriptionId =
    d.subscriptionId ?? invoice?.subscriptionId ?? (/^sub_\w+$/.test(input.ref) ? input.ref : undefined);
  const [sub] = subscriptionId
    ? await db().select().from(schema.subscriptions).where(eq(schema.subscriptions.id, subscriptionId))
    : [];
  const planId = d.plan ?? sub?.plan;
  const plan = isPlanId(planId) ? PLANS[planId] : null;
  const planName = plan?.name ?? "SEO Health Report";
  const currency = d.currency ?? invoice?.currency ?? CURRENCY;
  const money = (cents: number | undefined | null) => formatMoney(cents ?? 0, currency);
  const app = env().APP_URL;
  const billingUrl = new URL("/dashboard/billing", app).toString();
  const name = user.name;

  const send = <P>(template: EmailTemplate<P>, props: P) =>
    sendEmail({
      to: user.email,
      template,
      props,
      userId: user.id,
      dedupeKey: `${input.template}:${input.ref}`,
    }).then((r) => ({ sent: !r.deduped, deduped: r.deduped, emailId: r.id }));

  switch (input.template) {
    case "receipt":
      return send(billingReceiptEmail, {
        name,
        planName,
        amount: money(d.amountPaid ?? invoice?.amountPaid),
        invoiceNumber: d.number ?? invoice?.number ?? null,
        invoiceUrl: invoice ? new URL(`/api/invoices/${invoice.id}`, app).toString() : null,
        paidThrough: day(invoice?.periodEnd ?? sub?.currentPeriodEnd),
        dashboardUrl: billingUrl,
      });
    case "payment_failed": {
      const since = sub?.pastDueSince ?? new Date();
      return send(billingPaymentFailedEmail, {
        name,
        planName,
        amount: money(d.amountDue ?? invoice?.amountDue),
        graceUntil: day(new Date(since.getTime() + GRACE_DAYS * 24 * 60 * 60 * 1000)),
        portalUrl: billingUrl,
      });
    }
    case "action_required":
      return send(billingActionRequiredEmail, {
        name,
        planName,
        amount: money(d.amountDue ?? invoice?.amountDue),
        confirmUrl: d.hostedInvoiceUrl ?? invoice?.hostedInvoiceUrl ?? billingUrl,
      });
    case "trial_ending":
      return send(billingTrialEndingEmail, {
        name,
        planName,
        trialEndsOn: day(d.trialEnd ? new Date(d.trialEnd) : sub?.trialEnd) ?? "the end of your trial",
        price:
          plan && sub
            ? `${formatMoney(plan.prices[sub.interval === "year" ? "year" : "month"])} / ${sub.interval === "year" ? "year" : "month"}`
            : "your plan's price",
        portalUrl: billingUrl,
      });
    case "subscription_cancelled":
      return send(billingSubscriptionCancelledEmail, {
        name,
        planName,
        accessUntil: day(sub?.endedAt ?? sub?.currentPeriodEnd),
        pricingUrl: new URL("/pricing", app).toString(),
      });
    case "refund_issued":
      return send(billingRefundIssuedEmail, {
        name,
        amount: money(d.amountRefunded ?? d.amount),
        paymentAmount: d.amount === undefined ? null : money(d.amount),
        full: d.amountRefunded !== undefined && d.amount !== undefined && d.amountRefunded >= d.amount,
        dashboardUrl: billingUrl,
      });
  }
}
