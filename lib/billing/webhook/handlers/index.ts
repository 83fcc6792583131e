import { checkoutAsyncPaymentFailed, checkoutCompleted, checkoutExpired } from "./checkout";
import { customerDeleted, customerUpdated } from "./customer";
import { invoiceActionRequired, invoicePaid, invoicePaymentFailed, invoiceUpcoming } from "./invoice";
import { chargeRefunded, disputeChanged, paymentIntentChanged } from "./payment";
import { subscriptionChanged, subscriptionDeleted, subscriptionTrialWillEnd } from "./subscription";
import type { EventHandler } from "./types";

/** The allow-list: every Stripe event type we act on, and its handler. Anything else is acknowledged and counted. */
export const HANDLERS: Record<string, EventHandler> = {
  "checkout.session.completed": checkoutCompleted,
  "checkout.session.async_payment_succeeded": checkoutCompleted,
  "checkout.session.async_payment_failed": checkoutAsyncPaymentFailed,
  "checkout.session.expired": checkoutExpired,
  "customer.subscription.created": subscriptionChanged,
  "customer.subscription.updated": subscriptionChanged,
  "customer.subscription.deleted": subscriptionDeleted,
  "customer.subscription.paused": subscriptionChanged,
  "customer.subscription.resumed": subscriptionChanged,
  "customer.subscription.trial_will_end": subscriptionTrialWillEnd,
  "invoice.paid": invoicePaid,
  "invoice.payment_failed": invoicePaymentFailed,
  "invoice.payment_action_required": invoiceActionRequired,
  "invoice.upcoming": invoiceUpcoming,
  "payment_intent.succeeded": paymentIntentChanged,
  "payment_intent.payment_failed": paymentIntentChanged,
  "charge.refunded": chargeRefunded,
  "charge.dispute.created": disputeChanged,
  "charge.dispute.closed": disputeChanged,
  "customer.updated": customerUpdated,
  "customer.deleted": customerDeleted,
};

export const HANDLED_EVENT_TYPES = Object.keys(HANDLERS);

export function handlerFor(type: string): EventHandler | undefined {
  return Object.hasOwn(HANDLERS, type) ? HANDLERS[type] : undefined;
}
