import type { Router } from "../router";
import type { Ctx } from "../core";
import { invalid, notFound } from "../errors";
import { fullList, paginate, createdFilter } from "../list";
import { str } from "../params";
import { payInvoice, voidInvoice, type InvoiceObj } from "../billing/invoice";
import { defaultPaymentMethod } from "../billing/lifecycle";
import type { SubscriptionObj } from "../billing/subscription";
import { settleAfterPayment } from "../billing/dunning";
import { cardError } from "./payment-intents-write";

export function getInvoice(ctx: Ctx, id: string, param = "id"): InvoiceObj {
  const inv = ctx.store.get<InvoiceObj>(id, "invoice");
  if (!inv) throw notFound("invoice", id, param);
  return inv;
}

/** `invoice.payments` (includable): how this API version links invoices to payment intents. */
export function invoicePayments(ctx: Ctx, inv: { id: string; currency?: string; status?: string | null }) {
  const ids = ctx.store.state.internal.invoicePayments[inv.id] ?? [];
  const data = ids.map((pi, i) => {
    const intent = ctx.store.get<{ id: string; object: string; amount: number; status: string; created: number }>(pi);
    return {
      id: `inpay_${pi.slice(3)}`,
      object: "invoice_payment",
      amount_paid: intent?.status === "succeeded" ? intent.amount : null,
      amount_requested: intent?.amount ?? 0,
      created: intent?.created ?? 0,
      currency: inv.currency ?? "usd",
      invoice: inv.id,
      is_default: i === ids.length - 1,
      livemode: false,
      payment: { type: "payment_intent", payment_intent: pi },
      status: intent?.status === "succeeded" ? "paid" : "open",
      status_transitions: { canceled_at: null, paid_at: intent?.status === "succeeded" ? intent.created : null },
    };
  });
  return fullList(data, `/v1/invoice_payments?invoice=${inv.id}`);
}

export function registerInvoices(r: Router): void {
  r.get("/v1/invoices/:id", (ctx, _p, a) => getInvoice(ctx, a.id as string));
  r.get("/v1/invoices/:id/lines", (ctx, p, a) => {
    const inv = getInvoice(ctx, a.id as string);
    return paginate(inv.lines.data, p, `/v1/invoices/${inv.id}/lines`);
  });
  r.post("/v1/invoices/:id/pay", (ctx, _p, a) => {
    const inv = getInvoice(ctx, a.id as string);
    if (inv.status !== "open") throw invalid(`Invoice is already ${inv.status}.`, undefined, "invoice_not_open");
    const sub = inv.subscription ? ctx.store.get<SubscriptionObj>(inv.subscription, "subscription") : undefined;
    const pm = sub ? defaultPaymentMethod(ctx, sub) : null;
    if (!pm && inv.amount_due > 0) {
      throw invalid(
        "This customer has no attached payment source or default payment method.",
        undefined,
        "invoice_no_payment_method_types",
      );
    }
    const { paid, payment } = payInvoice(ctx, inv, pm, true, inv.next_payment_attempt);
    if (sub && paid) settleAfterPayment(ctx, sub, inv);
    // As on Stripe, a declined payment is a 402 card_error; the invoice stays open.
    if (!paid && payment?.decline) throw cardError(payment.decline, payment.pi);
    return inv;
  });
  r.post("/v1/invoices/:id/void", (ctx, _p, a) => {
    const inv = getInvoice(ctx, a.id as string);
    if (inv.status !== "open") throw invalid(`You can only void an open invoice.`, undefined, "invoice_not_open");
    voidInvoice(ctx, inv);
    return inv;
  });
  r.get("/v1/invoice_payments", (ctx, p) => {
    const invoice = str(p, "invoice");
    if (!invoice) throw invalid("Missing required param: invoice.", "invoice", "parameter_missing");
    return invoicePayments(ctx, getInvoice(ctx, invoice, "invoice"));
  });
  r.get("/v1/invoices", (ctx, p) => {
    const customer = str(p, "customer");
    const subscription = str(p, "subscription");
    const status = str(p, "status");
    const created = createdFilter(p);
    const items = ctx.store
      .all<InvoiceObj>("invoice")
      .filter((x) => !customer || x.customer === customer)
      .filter((x) => !subscription || x.subscription === subscription)
      .filter((x) => !status || x.status === status)
      .filter((x) => created(x.created));
    return paginate(items, p, "/v1/invoices");
  });
}
