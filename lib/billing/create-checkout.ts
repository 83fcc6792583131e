import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { db, schema } from "@/db";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { isAllowedUrl } from "@/lib/audit/url";
import { parseWith } from "@/lib/http/parse";
import { INTERVALS, PLAN_IDS, PLANS, recurringLookupKey, setupLookupKey } from "./plans";
import { resolvePrice } from "./prices";
import { ensureStripeCustomer, forgetStripeCustomer, isMissingCustomer, type BillingUser } from "./customers";
import { stripe } from "./stripe-client";
import { plainText } from "./plain-text";

/** Statuses that mean "already subscribed": send them to the portal, not to a second checkout. */
export const LIVE_SUBSCRIPTION_STATUSES = ["active", "trialing", "past_due", "unpaid", "paused"] as const;

function isPublicHttpUrl(value: string): boolean {
  if (!isAllowedUrl(value)) return false;
  const host = new URL(value).hostname.replace(/^\[|\]$/g, "");
  if (env().AUDIT_ALLOW_PRIVATE_NETWORKS) return true;
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local")) return false;
  return !ipaddr.isValid(host) || ipaddr.process(host).range() === "unicast";
}

const siteUrl = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (v) => /^https?:\/\//i.test(v) && isPublicHttpUrl(v),
    "must be a public http(s) URL, e.g. https://example.com",
  );

export const checkoutInput = z
  .object({
    plan: z.enum(PLAN_IDS),
    interval: z.enum(INTERVALS),
    siteUrl,
    keywords: z.array(plainText(200).min(1)).default([]),
    competitors: z.array(siteUrl).default([]),
    companyName: plainText(200).min(1).optional(),
  })
  .superRefine((v, ctx) => {
    const limits = PLANS[v.plan].limits;
    if (v.keywords.length > limits.keywords)
      ctx.addIssue({
        code: "custom",
        path: ["keywords"],
        message: `the ${PLANS[v.plan].name} plan allows at most ${limits.keywords} keywords (got ${v.keywords.length})`,
      });
    if (v.competitors.length > limits.competitors)
      ctx.addIssue({
        code: "custom",
        path: ["competitors"],
        message: `the ${PLANS[v.plan].name} plan allows at most ${limits.competitors} competitors (got ${v.competitors.length})`,
      });
  });
export type CheckoutInput = z.infer<typeof checkoutInput>;

/** Stripe's cancel_url carries no session id: the choices ride along so the pricing form comes back filled in. */
function cancelQuery(input: CheckoutInput): string {
  const q = new URLSearchParams({ plan: input.plan, interval: input.interval, siteUrl: input.siteUrl });
  if (input.companyName) q.set("companyName", input.companyName);
  return q.toString();
}

/**
 * Starts a Stripe Checkout for a plan: one customer per user, the recurring price
 * plus the setup fee, the audit request stored in checkout_sessions (the funnel's
 * "checkout started"). Retried submissions of the same form within ten minutes
 * return the same session (Stripe idempotency key).
 */
export async function createCheckout(
  user: BillingUser,
  raw: CheckoutInput,
): Promise<{ url: string; sessionId: string }> {
  // Validated again here so server-side callers (forms, actions) get the same limits and 400s as the API.
  const input = parseWith(checkoutInput, raw);
  const live = await db()
    .select({ id: schema.subscriptions.id })
    .from(schema.subscriptions)
    .where(
      and(
        eq(schema.subscriptions.userId, user.id),
        inArray(schema.subscriptions.status, [...LIVE_SUBSCRIPTION_STATUSES]),
      ),
    )
    .limit(1);
  if (live.length)
    throw new AppError("conflict", "You already have a subscription. Change or manage it in the billing portal.", {
      details: { portalUrl: "/api/billing/portal" },
    });

  const recurring = await resolvePrice(recurringLookupKey(input.plan, input.interval));
  const setupKey = setupLookupKey(input.plan);
  const setup = setupKey ? await resolvePrice(setupKey) : null;
  let customer = await ensureStripeCustomer(user);
  const auditRequest = {
    siteUrl: input.siteUrl,
    keywords: input.keywords,
    competitors: input.competitors,
    ...(input.companyName ? { companyName: input.companyName } : {}),
  };
  const bucket = Math.floor(Date.now() / (10 * 60 * 1000));
  const requestId = crypto
    .createHash("sha256")
    .update(JSON.stringify([user.id, input.plan, input.interval, auditRequest, bucket]))
    .digest("hex")
    .slice(0, 24);
  const appUrl = env().APP_URL.replace(/\/$/, "");
  const open = (customer: string) =>
    stripe().checkout.sessions.create(
      {
        mode: "subscription",
        customer,
        client_reference_id: user.id,
        line_items: [{ price: recurring.id, quantity: 1 }, ...(setup ? [{ price: setup.id, quantity: 1 }] : [])],
        metadata: { userId: user.id, plan: input.plan, interval: input.interval, requestId },
        subscription_data: { metadata: { userId: user.id, plan: input.plan } },
        success_url: `${appUrl}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${appUrl}/checkout/cancel?${cancelQuery(input)}`,
      },
      { idempotencyKey: `checkout-${requestId}-${customer}` },
    );
  let session;
  try {
    session = await open(customer);
  } catch (e) {
    // The stored customer was deleted in Stripe: start over with a new one rather than fail.
    if (!isMissingCustomer(e)) throw e;
    await forgetStripeCustomer(user.id, customer);
    customer = await ensureStripeCustomer(user);
    session = await open(customer);
  }
  if (!session.url) throw new AppError("unavailable", "Stripe did not return a checkout page. Try again.");
  await db()
    .insert(schema.checkoutSessions)
    .values({
      id: session.id,
      userId: user.id,
      plan: input.plan,
      interval: input.interval,
      status: "open",
      paymentStatus: session.payment_status,
      auditRequest,
      amountTotal: session.amount_total,
      currency: session.currency,
    })
    .onConflictDoNothing();
  return { url: session.url, sessionId: session.id };
}
