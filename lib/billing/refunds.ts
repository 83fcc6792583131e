import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { z } from "zod";
import { db, schema } from "@/db";
import { recordAuditLog, type RequestMeta } from "@/lib/audit-log/record";
import { AppError } from "@/lib/errors";
import { formatMoney } from "./plans";
import { stripe } from "./stripe-client";
import { isIdToken, plainText } from "./plain-text";

const STRIPE_REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

export const refundInput = z.object({
  paymentId: z.string().trim().min(1, "paymentId is required"),
  /** Cents; omitted = everything not yet refunded. */
  amount: z.number().int("amount must be a whole number of cents").positive("amount must be positive").optional(),
  /** One of Stripe's reasons, or a free-text note (sent to Stripe as requested_by_customer). */
  reason: plainText(500).min(1, "reason is required"),
});
export type RefundInput = z.infer<typeof refundInput>;

export type RefundResult = {
  refundId: string;
  paymentId: string;
  amount: number;
  currency: string;
  status: string | null;
  /** Same request seen before: Stripe replayed the first refund, nothing new happened. */
  replayed: boolean;
};

type Admin = { id: string; email: string };

/**
 * An admin refunds a payment, fully or partly. The payment row is not touched
 * here: its status changes when Stripe's `charge.refunded` arrives, so the
 * database only ever reflects what Stripe confirmed. The idempotency key is
 * derived from the payment's refunded-so-far amount, so a double click (or a
 * retry before the webhook lands) returns the same refund instead of a second one.
 * The customer's refund_issued email is queued by the charge.refunded handler,
 * i.e. once Stripe has confirmed the refund (also for refunds made in Stripe's dashboard).
 */
export async function refundPayment(admin: Admin, input: RefundInput, meta: RequestMeta = {}): Promise<RefundResult> {
  // A malformed id names no payment (and must not reach the database, which rejects e.g. NUL).
  const [payment] = isIdToken(input.paymentId)
    ? await db().select().from(schema.payments).where(eq(schema.payments.id, input.paymentId))
    : [];
  if (!payment) throw new AppError("not_found", "Payment not found.", { details: { field: "paymentId" } });
  if (payment.status !== "succeeded" && payment.status !== "partially_refunded") {
    throw new AppError("bad_request", `A ${payment.status} payment cannot be refunded.`, {
      details: { field: "paymentId", status: payment.status },
    });
  }
  const remaining = payment.amount - payment.amountRefunded;
  const amount = input.amount ?? remaining;
  if (amount > remaining) {
    throw new AppError(
      "bad_request",
      `amount can be at most ${remaining} cents (${formatMoney(remaining, payment.currency)} not yet refunded).`,
      { details: { field: "amount", max: remaining } },
    );
  }
  const target = payment.stripeChargeId
    ? { charge: payment.stripeChargeId }
    : payment.stripePaymentIntentId
      ? { payment_intent: payment.stripePaymentIntentId }
      : null;
  if (!target) throw new AppError("bad_request", "This payment has no Stripe charge to refund.");

  const stripeReason = (STRIPE_REASONS as readonly string[]).includes(input.reason)
    ? (input.reason as (typeof STRIPE_REASONS)[number])
    : "requested_by_customer";
  let refund: Stripe.Response<Stripe.Refund>;
  try {
    refund = await stripe().refunds.create(
      { ...target, amount, reason: stripeReason, metadata: { paymentId: payment.id, adminId: admin.id } },
      { idempotencyKey: `refund-${payment.id}-${payment.amountRefunded}-${amount}` },
    );
  } catch (e) {
    throw stripeRefundError(e);
  }
  const replayed = refund.lastResponse?.headers?.["idempotent-replayed"] === "true";
  if (!replayed) {
    await recordAuditLog({
      actor: admin,
      action: "admin.payment.refunded",
      target: { type: "payment", id: payment.id },
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { refundId: refund.id, amount, currency: payment.currency, reason: input.reason },
    });
  }
  return {
    refundId: refund.id,
    paymentId: payment.id,
    amount,
    currency: payment.currency,
    status: refund.status ?? null,
    replayed,
  };
}

function stripeRefundError(e: unknown): unknown {
  const err = e as { type?: string; message?: string; param?: string; code?: string };
  if (err.type === "StripeIdempotencyError" || err.code === "idempotency_key_in_use") {
    return new AppError("conflict", "This refund was just issued with other details. Wait for Stripe to confirm it.");
  }
  if (err.type === "StripeInvalidRequestError") {
    return new AppError("bad_request", `Stripe refused the refund: ${err.message}`, {
      details: { field: err.param === "charge" || err.param === "payment_intent" ? "paymentId" : (err.param ?? null) },
      cause: e,
    });
  }
  return e;
}
