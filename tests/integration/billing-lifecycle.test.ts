import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { fulfilCheckoutSession } from "@/lib/billing/fulfil-checkout";
import { consumeCredit, getEntitlement } from "@/lib/billing/entitlements";
import { resolvePrice } from "@/lib/billing/prices";
import { failAudit } from "@/lib/audit-runs/lifecycle";
import { ensureStripeCustomer } from "@/lib/billing/customers";
import { payCheckout } from "@/emulator/stripe/testing";
import {
  advanceToPeriodEnd,
  billingEmails,
  CARD_DECLINED,
  CARD_FAILS_LATER,
  CARD_NO_FUNDS,
  CARD_OK,
  checkoutAndPay,
  DAY,
  deliverAll,
  jobEvents,
  makeUser,
  portalPost,
  resetBilling,
  startBillingBed,
  subscriptionOf,
  type Bed,
} from "./billing.helpers";

let bed: Bed;
beforeAll(async () => {
  bed = await startBillingBed();
});
afterAll(() => bed.close());
beforeEach(() => resetBilling(bed));

const emuNow = () => new Date(bed.emu.now() * 1000);

async function paymentsOf(userId: string) {
  return db()
    .select()
    .from(schema.payments)
    .where(eq(schema.payments.userId, userId))
    .orderBy(schema.payments.createdAt);
}

describe("billing lifecycle against the Stripe emulator", () => {
  it("checkout, renewal, plan switch, refunds (disputes: billing-payments.test.ts)", async () => {
    const user = await makeUser();
    const { sessionId, paid } = await checkoutAndPay(user);
    expect(paid.status).toBe(303);
    await deliverAll(bed);

    const sub = await subscriptionOf(user.id);
    expect(sub).toMatchObject({ status: "active", plan: "pro", interval: "month", auditsUsed: 1 });
    const [session] = await db()
      .select()
      .from(schema.checkoutSessions)
      .where(eq(schema.checkoutSessions.id, sessionId));
    expect(session).toMatchObject({ status: "complete", paymentStatus: "paid", subscriptionId: sub!.id });
    const pays = await paymentsOf(user.id);
    expect(pays).toHaveLength(1);
    expect(pays[0]).toMatchObject({ status: "succeeded", amount: 3_000_00, plan: "pro", subscriptionId: sub!.id });
    expect(pays[0]!.stripeInvoiceId).toBeTruthy();
    const audits = await db().select().from(schema.audits).where(eq(schema.audits.userId, user.id));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      status: "pending",
      plan: "pro",
      trigger: "checkout",
      checkoutSessionId: sessionId,
      siteUrl: "https://shop.example.com/",
      competitors: ["https://rival.example.com/"],
    });
    const requested = await jobEvents("audit/requested");
    expect(requested.map((e) => [e.id, e.data.auditId])).toEqual([[`checkout-${sessionId}`, audits[0]!.id]]);
    expect((await billingEmails("receipt")).map((e) => e.data.userId)).toEqual([user.id]);
    // The success page arriving after the webhook changes nothing.
    expect(await fulfilCheckoutSession(sessionId)).toEqual({ status: "already_fulfilled", auditId: audits[0]!.id });

    const ent = await getEntitlement(user.id, { now: emuNow() });
    expect(ent).toMatchObject({ allowed: true, plan: "pro", creditsLeft: 9, limits: { keywords: 300 } });

    // Use two more credits, then renew: the new period's invoice resets them.
    await db().transaction((tx) => consumeCredit(user.id, tx, { now: emuNow() }));
    await db().transaction((tx) => consumeCredit(user.id, tx, { now: emuNow() }));
    expect((await subscriptionOf(user.id))!.auditsUsed).toBe(3);
    await advanceToPeriodEnd(bed, sub!.id);
    await deliverAll(bed);
    const renewed = await subscriptionOf(user.id);
    expect(renewed!.auditsUsed).toBe(0);
    expect(renewed!.creditsPeriodStart!.getTime()).toBe(renewed!.currentPeriodStart!.getTime());
    expect(renewed!.currentPeriodStart!.getTime()).toBeGreaterThan(sub!.currentPeriodStart!.getTime());
    const afterRenewal = await paymentsOf(user.id);
    expect(afterRenewal.map((p) => [p.status, p.amount])).toEqual([
      ["succeeded", 3_000_00],
      ["succeeded", 2_500_00],
    ]);
    expect(await billingEmails("receipt")).toHaveLength(2);
    // The first period's audit failing now returns nothing into the new period.
    expect(await failAudit(audits[0]!.id, "site unreachable")).toEqual({ failed: true, creditReturned: false });
    expect((await subscriptionOf(user.id))!.auditsUsed).toBe(0);

    // Plan switch (as the portal does it): limits follow.
    const stripeSub = await bed.stripe.subscriptions.retrieve(sub!.id);
    const enterprise = await resolvePrice("enterprise_monthly");
    await bed.stripe.subscriptions.update(sub!.id, {
      items: [{ id: stripeSub.items.data[0]!.id, price: enterprise.id }],
      proration_behavior: "none",
    });
    await deliverAll(bed);
    expect(await subscriptionOf(user.id)).toMatchObject({ plan: "enterprise" });
    expect(await getEntitlement(user.id, { now: emuNow() })).toMatchObject({
      allowed: true,
      plan: "enterprise",
      limits: { auditsPerPeriod: 50, pagesPerAudit: 10_000 },
      creditsLeft: 50,
    });

    // Partial refund, then the rest: the payment follows charge.refunded.
    const first = afterRenewal[0]!;
    await bed.stripe.refunds.create({ payment_intent: first.stripePaymentIntentId!, amount: 500_00 });
    await deliverAll(bed);
    const [partial] = await db().select().from(schema.payments).where(eq(schema.payments.id, first.id));
    expect(partial).toMatchObject({ status: "partially_refunded", amountRefunded: 500_00 });
    await bed.stripe.refunds.create({ payment_intent: first.stripePaymentIntentId! });
    await deliverAll(bed);
    const [full] = await db().select().from(schema.payments).where(eq(schema.payments.id, first.id));
    expect(full).toMatchObject({ status: "refunded", amountRefunded: 3_000_00 });
    const refundEmails = (await billingEmails("refund_issued")).map((e) => e.data.data as { amountRefunded: number });
    expect(refundEmails.sort((a, b) => a.amountRefunded - b.amountRefunded)).toMatchObject([
      { amountRefunded: 500_00, full: false },
      { amountRefunded: 3_000_00, full: true },
    ]);
  });

  it("failed renewal: past_due with an email, 7 days of grace, then cancellation ends entitlements", async () => {
    const user = await makeUser();
    await checkoutAndPay(user, { plan: "basic", interval: "month" });
    await deliverAll(bed);
    const sub = (await subscriptionOf(user.id))!;
    await portalPost(bed, sub.stripeCustomerId, { action: "card", card: CARD_FAILS_LATER });
    await advanceToPeriodEnd(bed, sub.id);
    await deliverAll(bed);

    const pastDue = (await subscriptionOf(user.id))!;
    expect(pastDue.status).toBe("past_due");
    expect(pastDue.pastDueSince).toBeTruthy();
    expect(await billingEmails("payment_failed")).toHaveLength(1);
    const failed = (await paymentsOf(user.id)).filter((p) => p.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.failureMessage).toMatch(/declined/i);
    const grace = await getEntitlement(user.id, { now: emuNow() });
    expect(grace).toMatchObject({ allowed: true, plan: "basic" });
    const later = await getEntitlement(user.id, { now: new Date(emuNow().getTime() + 8 * DAY * 1000) });
    expect(later).toMatchObject({ allowed: false, action: { href: "/dashboard/billing" } });
    if (!later.allowed) expect(later.reason).toMatch(/grace period ended/);

    bed.emu.advance(8 * DAY);
    await deliverAll(bed);
    expect((await subscriptionOf(user.id))!.status).toBe("canceled");
    expect(await getEntitlement(user.id, { now: emuNow() })).toMatchObject({
      allowed: false,
      action: { href: "/pricing" },
    });
    expect(await billingEmails("subscription_cancelled")).toHaveLength(1);
    expect((await billingEmails("payment_failed")).length).toBeGreaterThanOrEqual(2);
  });

  it("cancel at period end keeps access until the boundary", async () => {
    const user = await makeUser();
    await checkoutAndPay(user);
    await deliverAll(bed);
    const sub = (await subscriptionOf(user.id))!;
    await portalPost(bed, sub.stripeCustomerId, { action: "cancel", subscription: sub.id });
    await deliverAll(bed);
    expect(await subscriptionOf(user.id)).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    expect(await getEntitlement(user.id, { now: emuNow() })).toMatchObject({ allowed: true });
    // Past the boundary, even before Stripe's deletion arrives:
    expect(await getEntitlement(user.id, { now: new Date(sub.currentPeriodEnd!.getTime() + 1000) })).toMatchObject({
      allowed: false,
    });
    await advanceToPeriodEnd(bed, sub.id);
    await deliverAll(bed);
    expect((await subscriptionOf(user.id))!.status).toBe("canceled");
    expect(await getEntitlement(user.id, { now: emuNow() })).toMatchObject({ allowed: false });
    const err = await db()
      .transaction((tx) => consumeCredit(user.id, tx, { now: emuNow() }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "payment_required", details: { action: { href: "/pricing" } } });
  });

  it.each([
    ["declined", CARD_DECLINED],
    ["insufficient funds", CARD_NO_FUNDS],
  ])("%s card: no subscription, no audit, the started checkout stays in the funnel", async (_label, card) => {
    const user = await makeUser();
    const { sessionId, paid } = await checkoutAndPay(user, {}, card);
    expect(paid.status).not.toBe(303);
    await deliverAll(bed);
    expect(await subscriptionOf(user.id)).toBeUndefined();
    expect(await db().select().from(schema.audits)).toHaveLength(0);
    expect(await jobEvents()).toHaveLength(0);
    const [row] = await db().select().from(schema.checkoutSessions).where(eq(schema.checkoutSessions.id, sessionId));
    expect(row).toMatchObject({ status: "open", userId: user.id, plan: "pro", fulfilledAt: null });
    expect(await fulfilCheckoutSession(sessionId)).toEqual({ status: "pending_payment", auditId: null });
  });

  it("trial: trialing grants access, trial_will_end queues the reminder; a deleted customer is unlinked", async () => {
    const user = await makeUser();
    const customer = await ensureStripeCustomer(user);
    const price = await resolvePrice("basic_monthly");
    const session = await bed.stripe.checkout.sessions.create({
      mode: "subscription",
      customer,
      line_items: [{ price: price.id, quantity: 1 }],
      subscription_data: { trial_period_days: 7, metadata: { userId: user.id } },
      success_url: "http://app.test/ok",
    });
    expect((await payCheckout(session.url!, CARD_OK, user.email)).status).toBe(303);
    await deliverAll(bed);
    expect(await subscriptionOf(user.id)).toMatchObject({ status: "trialing", plan: "basic" });
    expect(await getEntitlement(user.id, { now: emuNow() })).toMatchObject({ allowed: true, creditsLeft: 2 });
    bed.emu.advance(5 * DAY);
    await deliverAll(bed);
    const reminders = await billingEmails("trial_ending");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.data).toMatchObject({ userId: user.id, template: "trial_ending" });

    await bed.stripe.customers.del(customer);
    await deliverAll(bed);
    expect(await db().select().from(schema.customers)).toHaveLength(0);
  });
});
