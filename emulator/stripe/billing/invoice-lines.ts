import type Stripe from "stripe";
import { randomId } from "../store";

export type InvoiceLineInput = {
  price: Stripe.Price;
  quantity: number;
  period: { start: number; end: number };
  subscriptionItem: string | null;
  description: string;
  /** Signed amount override (proration lines). */
  amount?: number;
  proration?: boolean;
};

/** Invoice line items (`il_`) for a new invoice: subscription items, one-time fees and proration lines. */
export function buildLines(
  invoiceId: string,
  currency: string,
  subscription: string | null,
  input: InvoiceLineInput[],
): Stripe.InvoiceLineItem[] {
  return input.map((l) => {
    const amount = l.amount ?? (l.price.unit_amount ?? 0) * l.quantity;
    return {
      id: randomId("il"),
      object: "line_item",
      amount,
      currency,
      description: l.description,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: invoiceId,
      livemode: false,
      metadata: {},
      parent: {
        type: l.subscriptionItem ? "subscription_item_details" : "invoice_item_details",
        invoice_item_details: l.subscriptionItem
          ? null
          : {
              invoice_item: randomId("ii"),
              proration: false,
              proration_details: { credited_items: null },
              subscription,
            },
        subscription_item_details: l.subscriptionItem
          ? {
              invoice_item: null,
              proration: Boolean(l.proration),
              proration_details: { credited_items: null },
              subscription,
              subscription_item: l.subscriptionItem,
            }
          : null,
      } as Stripe.InvoiceLineItem.Parent,
      period: l.period,
      pretax_credit_amounts: [],
      pricing: {
        type: "price_details",
        price_details: { price: l.price.id, product: l.price.product as string },
        unit_amount_decimal: String(l.price.unit_amount ?? 0),
      } as unknown as Stripe.InvoiceLineItem.Pricing,
      quantity: l.quantity,
      quantity_decimal: String(l.quantity) as unknown as Stripe.InvoiceLineItem["quantity_decimal"],
      subscription,
      subtotal: amount,
      taxes: [],
    };
  });
}
