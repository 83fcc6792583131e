import type { Ctx } from "../core";
import { emit, snapshot } from "../events";
import type { InvoiceObj } from "./invoice";
import { buildInvoice, finalizeInvoice } from "./invoice";
import { cancelNow, invoiceNow } from "./lifecycle";
import { currentPeriod, periodEndFrom, type SubscriptionObj } from "./subscription";
import { firstRetryAt, markPastDue, retryInvoice } from "./dunning";
import { DAY } from "./periods";
import { expireSession, type SessionObj } from "../resources/checkout-sessions";
import { getCustomer } from "../resources/customers";
import { getProduct } from "../resources/products";
import { lineDescription } from "./checkout-complete";

type Due = { at: number; run: () => void };
const LIVE = new Set(["active", "trialing", "past_due"]);

/**
 * Moves emulated time forward to `to`, running every scheduled thing that falls
 * in between in chronological order (like a Stripe test clock): renewals,
 * period-end cancellations, dunning retries, trial_will_end, session expiry.
 */
export function advanceClock(ctx: Ctx, to: number): number {
  for (let guard = 0; guard < 10_000; guard += 1) {
    const next = dueActions(ctx, to).sort((a, b) => a.at - b.at)[0];
    if (!next) break;
    setClock(ctx, Math.max(next.at, ctx.store.now()));
    next.run();
  }
  setClock(ctx, Math.max(to, ctx.store.now()));
  return ctx.store.now();
}

function setClock(ctx: Ctx, t: number): void {
  ctx.store.state.clockOffset = t - Math.floor(Date.now() / 1000);
  ctx.store.touch();
}

function dueActions(ctx: Ctx, to: number): Due[] {
  const out: Due[] = [];
  for (const sub of ctx.store.all<SubscriptionObj>("subscription")) {
    if (!LIVE.has(sub.status)) continue;
    const { end } = currentPeriod(sub);
    if (end <= to) out.push({ at: end, run: () => periodEnd(ctx, sub) });
    // A `cancel_at` inside the period ends the subscription right then.
    if (sub.cancel_at && sub.cancel_at < end && sub.cancel_at <= to) {
      out.push({ at: sub.cancel_at, run: () => cancelNow(ctx, sub, "cancellation_requested") });
    }
    const inv = sub.latest_invoice ? ctx.store.get<InvoiceObj>(sub.latest_invoice as string, "invoice") : undefined;
    if (
      sub.status === "past_due" &&
      inv?.status === "open" &&
      inv.next_payment_attempt &&
      inv.next_payment_attempt <= to
    ) {
      out.push({ at: inv.next_payment_attempt, run: () => retryInvoice(ctx, sub, inv) });
    }
    const warnAt = sub.trial_end ? sub.trial_end - 3 * DAY : null;
    const sent = ctx.store.state.internal.trialWillEndSent[sub.id];
    if (sub.status === "trialing" && warnAt && sub.trial_end !== sent && warnAt <= to && warnAt > sub.created) {
      out.push({
        at: warnAt,
        run: () => {
          ctx.store.state.internal.trialWillEndSent[sub.id] = sub.trial_end as number;
          emit(ctx, "customer.subscription.trial_will_end", sub);
        },
      });
    }
  }
  for (const s of ctx.store.all<SessionObj>("checkout.session")) {
    if (s.status === "open" && s.expires_at <= to) out.push({ at: s.expires_at, run: () => expireSession(ctx, s) });
  }
  return out;
}

function periodEnd(ctx: Ctx, sub: SubscriptionObj): void {
  const { end } = currentPeriod(sub);
  if (sub.cancel_at_period_end || (sub.cancel_at !== null && sub.cancel_at <= end)) {
    cancelNow(ctx, sub, "cancellation_requested");
    return;
  }
  renew(ctx, sub, end);
}

/** Next period, then the renewal invoice; a declined charge starts dunning (past_due). */
function renew(ctx: Ctx, sub: SubscriptionObj, start: number): void {
  const before = snapshot(sub);
  for (const si of sub.items.data)
    Object.assign(si, { current_period_start: start, current_period_end: periodEndFrom(start, si.price) });
  if (sub.status === "trialing") sub.status = "active";
  ctx.store.touch();
  emit(ctx, "customer.subscription.updated", sub, before);
  const period = currentPeriod(sub);
  const lines = sub.items.data.map((si) => ({
    price: si.price,
    quantity: si.quantity ?? 1,
    period,
    subscriptionItem: si.id,
    description: lineDescription(si.quantity ?? 1, getProduct(ctx, si.price.product as string).name, si.price),
  }));
  // Collection resumes by itself once `resumes_at` has passed.
  if (sub.pause_collection?.resumes_at && sub.pause_collection.resumes_at <= start) {
    const b = snapshot(sub);
    sub.pause_collection = null;
    emit(ctx, "customer.subscription.updated", sub, b);
  }
  if (sub.pause_collection) {
    const customer = getCustomer(ctx, sub.customer as string);
    const invoice = buildInvoice(ctx, {
      customer,
      subscription: { id: sub.id, metadata: sub.metadata },
      lines,
      billingReason: "subscription_cycle",
      currency: sub.currency,
    });
    sub.latest_invoice = invoice.id;
    emit(ctx, "invoice.created", invoice);
    if (sub.pause_collection.behavior === "keep_as_draft") return;
    finalizeInvoice(ctx, invoice, customer);
    const b = snapshot(invoice);
    invoice.status = sub.pause_collection.behavior === "void" ? "void" : "uncollectible";
    if (invoice.status === "void") invoice.status_transitions.voided_at = start;
    else invoice.status_transitions.marked_uncollectible_at = start;
    emit(ctx, invoice.status === "void" ? "invoice.voided" : "invoice.marked_uncollectible", invoice);
    emit(ctx, "invoice.updated", invoice, b);
    return;
  }
  const { paid } = invoiceNow(ctx, sub, lines, "subscription_cycle", firstRetryAt(start));
  if (!paid) markPastDue(ctx, sub);
}
