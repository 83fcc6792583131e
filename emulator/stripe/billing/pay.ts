import type Stripe from "stripe";
import type { Ctx } from "../core";
import { emit } from "../events";
import { randomId } from "../store";
import type { StoredObject } from "../types";
import { cardOutcome, DISPUTED_CARDS, offSessionOutcome } from "./cards";
import { openDispute } from "../resources/disputes";
import type { PaymentMethodObj } from "../resources/payment-methods";

export type PaymentIntentObj = Stripe.PaymentIntent & StoredObject;
export type ChargeObj = Stripe.Charge & StoredObject;
export type Decline = { code: string; declineCode: string; message: string };

export type PaymentResult = {
  pi: PaymentIntentObj;
  charge: ChargeObj;
  decline: Decline | null;
  /** Emits payment_intent.* and charge.* events; callers decide where they go in the sequence. */
  emitEvents(): void;
};

type PayOptions = {
  amount: number;
  currency: string;
  customer: string | null;
  paymentMethod: PaymentMethodObj;
  description: string | null;
  metadata?: Record<string, string>;
  receiptEmail?: string | null;
  /** Renewals and retries: 3-D Secure cards pass, "attach then fail" cards fail. */
  offSession: boolean;
  /** Invoice retries confirm the invoice's existing payment intent again. */
  existing?: PaymentIntentObj;
};

export function attemptPayment(ctx: Ctx, o: PayOptions): PaymentResult {
  const number = ctx.store.state.internal.cardNumbers[o.paymentMethod.id] ?? "4242424242424242";
  let outcome = o.offSession ? offSessionOutcome(number) : cardOutcome(number);
  // On-session 3DS has already been completed on the challenge page before we get here.
  if (outcome.kind === "requires_action") outcome = { kind: "success" };
  if (outcome.kind === "attach_then_fail") {
    outcome = {
      kind: "decline",
      code: "card_declined",
      declineCode: "generic_decline",
      message: "Your card was declined.",
    };
  }
  const decline: Decline | null = outcome.kind === "decline" ? outcome : null;
  const now = ctx.store.now();
  const pi = o.existing ?? newPaymentIntent(ctx, o, now);
  const charge = newCharge(ctx, o, pi.id, decline, now);
  pi.latest_charge = charge.id;
  pi.payment_method = o.paymentMethod.id;
  if (decline) {
    pi.status = "requires_payment_method";
    pi.last_payment_error = {
      type: "card_error",
      code: decline.code,
      decline_code: decline.declineCode,
      message: decline.message,
      charge: charge.id,
      payment_method: o.paymentMethod,
    } as Stripe.PaymentIntent.LastPaymentError;
  } else {
    pi.status = "succeeded";
    pi.amount_received = o.amount;
    pi.last_payment_error = null;
  }
  ctx.store.put(pi);
  ctx.store.put(charge);
  const emitEvents = () => {
    if (decline) {
      emit(ctx, "payment_intent.payment_failed", pi);
      emit(ctx, "charge.failed", charge);
    } else {
      emit(ctx, "payment_intent.succeeded", pi);
      emit(ctx, "charge.succeeded", charge);
      if (DISPUTED_CARDS.has(number)) openDispute(ctx, charge);
    }
  };
  return { pi, charge, decline, emitEvents };
}

export function newPaymentIntent(
  ctx: Ctx,
  o: Omit<PayOptions, "paymentMethod"> & { paymentMethod: PaymentMethodObj | null },
  now: number,
): PaymentIntentObj {
  const id = randomId("pi");
  const pi: Stripe.PaymentIntent = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: o.amount,
    amount_capturable: 0,
    amount_details: { tip: {} } as Stripe.PaymentIntent.AmountDetails,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    client_secret: `${id}_secret_${randomId("s").slice(2)}`,
    confirmation_method: "automatic",
    created: now,
    currency: o.currency,
    customer: o.customer,
    customer_account: null,
    description: o.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: o.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: o.paymentMethod?.id ?? null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" },
    } as Stripe.PaymentIntent.PaymentMethodOptions,
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: o.receiptEmail ?? null,
    review: null,
    setup_future_usage: o.offSession ? null : "off_session",
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "processing",
    transfer_data: null,
    transfer_group: null,
  };
  return pi as PaymentIntentObj;
}

function newCharge(ctx: Ctx, o: PayOptions, pi: string, decline: Decline | null, now: number): ChargeObj {
  const id = randomId("ch");
  const card = o.paymentMethod.card;
  const charge: Stripe.Charge = {
    id,
    object: "charge",
    amount: o.amount,
    amount_captured: decline ? 0 : o.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: decline ? null : randomId("txn"),
    billing_details: o.paymentMethod.billing_details,
    calculated_statement_descriptor: "SEO HEALTH REPORT",
    captured: !decline,
    created: now,
    currency: o.currency,
    customer: o.customer,
    description: o.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: o.metadata ?? {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: decline ? "declined_by_network" : "approved_by_network",
      reason: decline?.declineCode ?? null,
      risk_level: "normal",
      risk_score: 20,
      seller_message: decline ? "The bank did not return any further details with this decline." : "Payment complete.",
      type: decline ? "issuer_declined" : "authorized",
    } as Stripe.Charge.Outcome,
    paid: !decline,
    payment_intent: pi,
    payment_method: o.paymentMethod.id,
    payment_method_details: {
      card: {
        amount_authorized: decline ? null : o.amount,
        brand: card?.brand ?? "visa",
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
        country: "US",
        exp_month: card?.exp_month ?? 12,
        exp_year: card?.exp_year ?? 2030,
        fingerprint: card?.fingerprint ?? null,
        funding: "credit",
        last4: card?.last4 ?? "4242",
        network: card?.brand ?? "visa",
        three_d_secure: null,
      },
      type: "card",
    } as unknown as Stripe.Charge.PaymentMethodDetails,
    presentment_details: undefined,
    radar_options: undefined,
    receipt_email: o.receiptEmail ?? null,
    receipt_number: null,
    receipt_url: `${ctx.publicUrl()}/receipts/${id}`,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: decline ? "failed" : "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
  return charge as ChargeObj;
}
