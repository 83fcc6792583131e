import { defineTemplate } from "../template";
import { EmailButton, EmailLayout } from "./layout";

type Props = {
  name: string | null;
  planName: string;
  /** Formatted, e.g. "$3,000". */
  amount: string;
  invoiceNumber: string | null;
  /** Our PDF invoice (/api/invoices/[id]), or null when no invoice is mirrored yet. */
  invoiceUrl: string | null;
  /** Formatted date the paid period ends, or null. */
  paidThrough: string | null;
  dashboardUrl: string;
};

const line = (p: Props) =>
  `We received your payment of ${p.amount} for the ${p.planName} plan${p.invoiceNumber ? ` (invoice ${p.invoiceNumber})` : ""}.`;

export const billingReceiptEmail = defineTemplate<Props>({
  name: "billing-receipt",
  subject: (p) => `Receipt: ${p.amount} for SEO Health Report ${p.planName}`,
  html: (p) => (
    <EmailLayout title="Payment receipt">
      <p>Hi {p.name ?? "there"},</p>
      <p>{line(p)}</p>
      {p.paidThrough ? <p>Your plan is paid through {p.paidThrough}.</p> : null}
      {p.invoiceUrl ? <EmailButton href={p.invoiceUrl}>Download the invoice (PDF)</EmailButton> : null}
      <p>
        Your invoices and plan are on your <a href={p.dashboardUrl}>billing page</a>. Thank you!
      </p>
    </EmailLayout>
  ),
  text: (p) =>
    `Hi ${p.name ?? "there"},\n\n${line(p)}\n${p.paidThrough ? `Your plan is paid through ${p.paidThrough}.\n` : ""}${p.invoiceUrl ? `\nInvoice (PDF): ${p.invoiceUrl}\n` : ""}\nBilling: ${p.dashboardUrl}\n\nThank you!\n`,
});
