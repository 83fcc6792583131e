import { createElement } from "react";
import { desc, eq } from "drizzle-orm";
import { renderToBuffer } from "@react-pdf/renderer";
import { db, schema } from "@/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { registerFonts } from "@/lib/reports/fonts";
import { InvoiceDocument, type InvoicePdfData } from "./invoice-document";
import { parseLookupKey } from "./plans";
import { isIdToken } from "./plain-text";

type Viewer = { id: string; role: string };

/** The user's invoices, newest first, for the billing page. */
export async function listUserInvoices(userId: string, limit = 50) {
  const i = schema.invoices;
  return db()
    .select({
      id: i.id,
      number: i.number,
      status: i.status,
      currency: i.currency,
      total: i.total,
      amountPaid: i.amountPaid,
      hostedInvoiceUrl: i.hostedInvoiceUrl,
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
      paidAt: i.paidAt,
      createdAt: i.createdAt,
    })
    .from(i)
    .where(eq(i.userId, userId))
    .orderBy(desc(i.createdAt))
    .limit(limit);
}

/** Everything the PDF shows; owner or admin only — anyone else (and unknown ids) get not_found. */
export async function loadInvoicePdfData(invoiceId: string, viewer: Viewer): Promise<InvoicePdfData> {
  // The id comes from the URL: one that no invoice can have (NUL, slashes…) must not reach the database.
  if (!isIdToken(invoiceId)) throw new AppError("not_found", "Invoice not found.");
  const [row] = await db()
    .select({ inv: schema.invoices, user: schema.users })
    .from(schema.invoices)
    .leftJoin(schema.users, eq(schema.users.id, schema.invoices.userId))
    .where(eq(schema.invoices.id, invoiceId));
  if (!row || (row.inv.userId !== viewer.id && viewer.role !== "admin")) {
    throw new AppError("not_found", "Invoice not found.");
  }
  const { inv, user } = row;
  const e = env();
  return {
    seller: { name: e.SELLER_NAME, address: e.SELLER_ADDRESS, taxId: e.SELLER_TAX_ID },
    customer: {
      name: inv.customerName ?? user?.name ?? null,
      email: inv.customerEmail ?? user?.email ?? null,
      company: user?.companyName ?? null,
    },
    number: inv.number ?? inv.id,
    status: inv.status,
    currency: inv.currency,
    issuedAt: inv.createdAt,
    paidAt: inv.paidAt,
    periodStart: inv.periodStart,
    periodEnd: inv.periodEnd,
    lines: inv.lines.map((l) => {
      const entry = parseLookupKey(l.priceLookupKey);
      const kind = entry
        ? entry.kind === "setup"
          ? ("setup" as const)
          : ("subscription" as const)
        : /setup/i.test(l.description)
          ? ("setup" as const)
          : ("other" as const);
      return { description: l.description, quantity: l.quantity, amount: l.amount, kind };
    }),
    subtotal: inv.subtotal,
    total: inv.total,
    amountPaid: inv.amountPaid,
    amountDue: inv.amountDue,
    hostedInvoiceUrl: inv.hostedInvoiceUrl,
  };
}

// One render at a time: fonts are re-registered per document (see lib/reports/fonts.ts).
let queue: Promise<unknown> = Promise.resolve();

export function renderInvoicePdf(data: InvoicePdfData): Promise<Buffer> {
  const run = queue.then(() => {
    registerFonts();
    const doc = createElement(InvoiceDocument, { data });
    return renderToBuffer(doc as Parameters<typeof renderToBuffer>[0]);
  });
  queue = run.catch(() => undefined);
  return run;
}

/** The invoice as a PDF with a download file name. */
export async function getInvoicePdf(invoiceId: string, viewer: Viewer): Promise<{ filename: string; pdf: Buffer }> {
  const data = await loadInvoicePdfData(invoiceId, viewer);
  const pdf = await renderInvoicePdf(data);
  return { filename: `invoice-${data.number.replace(/[^\w.-]/g, "_")}.pdf`, pdf };
}
