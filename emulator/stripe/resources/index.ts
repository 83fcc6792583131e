import type { Router } from "../router";
import type { Virtuals } from "../expand";
import { registerProducts } from "./products";
import { registerPrices } from "./prices";
import { registerCustomers } from "./customers";
import { registerPaymentMethods } from "./payment-methods";
import { checkoutVirtuals, registerCheckoutSessions } from "./checkout-sessions";
import { registerSubscriptions } from "./subscriptions";
import { invoicePayments, registerInvoices } from "./invoices";
import { registerPayments } from "./payments";
import { registerPaymentIntentWrites } from "./payment-intents-write";
import { registerRefunds } from "./refunds";
import { registerDisputes } from "./disputes";
import { registerPortalSessions } from "./portal-sessions";
import { registerEvents } from "./events";
import { registerWebhookEndpoints } from "./webhook-endpoints";

export function registerAll(r: Router): void {
  registerProducts(r);
  registerPrices(r);
  registerCustomers(r);
  registerPaymentMethods(r);
  registerCheckoutSessions(r);
  registerSubscriptions(r);
  registerInvoices(r);
  registerPayments(r);
  registerPaymentIntentWrites(r);
  registerRefunds(r);
  registerDisputes(r);
  registerPortalSessions(r);
  registerEvents(r);
  registerWebhookEndpoints(r);
}

export const virtuals: Virtuals = {
  "checkout.session": checkoutVirtuals,
  invoice: { payments: (ctx, o) => invoicePayments(ctx, o as { id: string; currency?: string }) },
};
