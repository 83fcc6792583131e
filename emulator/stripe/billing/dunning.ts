import type { Ctx } from "../core";
import { emit, snapshot } from "../events";
import { payInvoice, type InvoiceObj } from "./invoice";
import { cancelNow, defaultPaymentMethod } from "./lifecycle";
import type { SubscriptionObj } from "./subscription";
import { DAY } from "./periods";

/** Retries after a failed renewal, in days after the first failure; after the last one the subscription is deleted. */
export const RETRY_DAYS = [3, 5, 7] as const;

export function firstRetryAt(failedAt: number): number {
  return failedAt + RETRY_DAYS[0] * DAY;
}

export function markPastDue(ctx: Ctx, sub: SubscriptionObj): void {
  const before = snapshot(sub);
  sub.status = "past_due";
  ctx.store.state.internal.dunningStart[sub.id] ??= ctx.store.now();
  ctx.store.touch();
  emit(ctx, "customer.subscription.updated", sub, before);
}

/** After an open invoice is finally paid: a past_due subscription becomes active again. */
export function settleAfterPayment(ctx: Ctx, sub: SubscriptionObj, _inv: InvoiceObj): void {
  delete ctx.store.state.internal.dunningStart[sub.id];
  if (sub.status !== "past_due" && sub.status !== "unpaid") return;
  const before = snapshot(sub);
  sub.status = "active";
  ctx.store.touch();
  emit(ctx, "customer.subscription.updated", sub, before);
}

/** One scheduled retry of the subscription's open invoice (the clock calls this at next_payment_attempt). */
export function retryInvoice(ctx: Ctx, sub: SubscriptionObj, inv: InvoiceObj): void {
  const start = ctx.store.state.internal.dunningStart[sub.id] ?? ctx.store.now();
  // attempt_count is 1 after the renewal attempt, so retry n is attempt n + 1.
  const retryIndex = inv.attempt_count;
  const nextDays = RETRY_DAYS[retryIndex];
  const nextAttempt = nextDays === undefined ? null : start + nextDays * DAY;
  const { paid } = payInvoice(ctx, inv, defaultPaymentMethod(ctx, sub), true, nextAttempt);
  if (paid) settleAfterPayment(ctx, sub, inv);
  else if (nextAttempt === null) cancelNow(ctx, sub, "payment_failed");
}
