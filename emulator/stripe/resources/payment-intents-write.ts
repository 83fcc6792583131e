import type { Router } from "../router";
import type { Ctx } from "../core";
import { invalid, StripeApiError } from "../errors";
import { emit, snapshot } from "../events";
import { bool, int, mergeMetadata, reqStr, str } from "../params";
import type { Params } from "../form";
import { attemptPayment, newPaymentIntent, type PaymentIntentObj, type Decline } from "../billing/pay";
import { cardOutcome } from "../billing/cards";
import { createCardPaymentMethod, getPaymentMethod, type PaymentMethodObj } from "./payment-methods";
import { getCustomer } from "./customers";
import { getPaymentIntent } from "./payments";

/** Stripe's test payment method tokens, mapped to the test card each stands for. */
const TEST_TOKENS: Record<string, string> = {
  pm_card_visa: "4242424242424242",
  pm_card_chargeDeclined: "4000000000000002",
  pm_card_chargeDeclinedInsufficientFunds: "4000000000009995",
  pm_card_authenticationRequired: "4000002500003155",
  pm_card_chargeCustomerFail: "4000000000000341",
};

function resolvePaymentMethod(ctx: Ctx, id: string, customer: string | null): PaymentMethodObj {
  const number = TEST_TOKENS[id];
  if (number) return createCardPaymentMethod(ctx, number, { email: null, name: null }, customer);
  return getPaymentMethod(ctx, id, "payment_method");
}

export function cardError(decline: Decline, pi: PaymentIntentObj): StripeApiError {
  return new StripeApiError(402, "card_error", decline.message, {
    code: decline.code,
    decline_code: decline.declineCode,
    payment_intent: pi,
  });
}

/**
 * Confirms with the intent's card. A decline is Stripe's 402 `card_error` (the
 * intent stays `requires_payment_method`); a 3-D Secure card on-session stops
 * at `requires_action`, since there is no browser here to complete it.
 */
function confirm(ctx: Ctx, pi: PaymentIntentObj, pm: PaymentMethodObj, offSession: boolean): PaymentIntentObj {
  const number = ctx.store.state.internal.cardNumbers[pm.id] ?? "";
  if (!offSession && cardOutcome(number).kind === "requires_action") {
    const before = snapshot(pi);
    pi.payment_method = pm.id;
    pi.status = "requires_action";
    pi.next_action = { type: "use_stripe_sdk", use_stripe_sdk: {} } as PaymentIntentObj["next_action"];
    ctx.store.touch();
    emit(ctx, "payment_intent.requires_action", pi, before);
    return pi;
  }
  const result = attemptPayment(ctx, {
    amount: pi.amount,
    currency: pi.currency,
    customer: pi.customer as string | null,
    paymentMethod: pm,
    description: pi.description,
    metadata: pi.metadata,
    receiptEmail: pi.receipt_email,
    offSession,
    existing: pi,
  });
  result.emitEvents();
  if (result.decline) throw cardError(result.decline, result.pi);
  return result.pi;
}

function create(ctx: Ctx, p: Params): PaymentIntentObj {
  const amount = int(p, "amount");
  if (amount === undefined) throw invalid("Missing required param: amount.", "amount", "parameter_missing");
  if (amount < 50) throw invalid("Amount must be at least 50 cents.", "amount", "amount_too_small");
  const currency = reqStr(p, "currency").toLowerCase();
  const customer = str(p, "customer") ? getCustomer(ctx, str(p, "customer") as string, "customer").id : null;
  const pmId = str(p, "payment_method");
  const pm = pmId ? resolvePaymentMethod(ctx, pmId, customer) : null;
  const offSession = bool(p, "off_session") ?? false;
  const pi = newPaymentIntent(
    ctx,
    {
      amount,
      currency,
      customer,
      paymentMethod: pm,
      description: str(p, "description") ?? null,
      metadata: mergeMetadata({}, p),
      receiptEmail: str(p, "receipt_email") ?? null,
      offSession,
    },
    ctx.store.now(),
  );
  pi.status = pm ? "requires_confirmation" : "requires_payment_method";
  ctx.store.put(pi);
  emit(ctx, "payment_intent.created", pi);
  if (bool(p, "confirm")) {
    if (!pm) throw invalid("You must provide a payment_method to confirm this PaymentIntent.", "payment_method");
    return confirm(ctx, pi, pm, offSession);
  }
  return pi;
}

export function registerPaymentIntentWrites(r: Router): void {
  r.post("/v1/payment_intents", (ctx, p) => create(ctx, p));
  r.post("/v1/payment_intents/:id/confirm", (ctx, p, a) => {
    const pi = getPaymentIntent(ctx, a.id as string);
    if (pi.status === "succeeded" || pi.status === "canceled") {
      throw invalid(
        `This PaymentIntent's status is ${pi.status}, so it cannot be confirmed.`,
        undefined,
        "payment_intent_unexpected_state",
      );
    }
    const pmId = str(p, "payment_method") ?? (pi.payment_method as string | null);
    if (!pmId) throw invalid("You must provide a payment_method to confirm this PaymentIntent.", "payment_method");
    return confirm(
      ctx,
      pi,
      resolvePaymentMethod(ctx, pmId, pi.customer as string | null),
      bool(p, "off_session") ?? false,
    );
  });
  r.post("/v1/payment_intents/:id/cancel", (ctx, p, a) => {
    const pi = getPaymentIntent(ctx, a.id as string);
    if (pi.status === "succeeded" || pi.status === "canceled") {
      throw invalid(
        `This PaymentIntent's status is ${pi.status}, so it cannot be canceled.`,
        undefined,
        "payment_intent_unexpected_state",
      );
    }
    pi.status = "canceled";
    pi.canceled_at = ctx.store.now();
    pi.cancellation_reason = (str(p, "cancellation_reason") ?? null) as PaymentIntentObj["cancellation_reason"];
    ctx.store.touch();
    emit(ctx, "payment_intent.canceled", pi);
    return pi;
  });
}
