import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import {
  advanceToPeriodEnd,
  billingEmails,
  canonicalDump,
  CARD_FAILS_LATER,
  CARD_OK,
  checkoutAndPay,
  craftedEvent,
  deliver,
  deliverAll,
  jobEvents,
  makeUser,
  portalPost,
  postWebhook,
  resetBilling,
  resetEventEffects,
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

const paymentsOf = (userId: string) =>
  db().select().from(schema.payments).where(eq(schema.payments.userId, userId)).orderBy(schema.payments.createdAt);

describe("payments: one row per charge", () => {
  it("a declined renewal stays recorded as failed after the retry on the same payment intent succeeds", async () => {
    const user = await makeUser();
    await checkoutAndPay(user, { plan: "basic", interval: "month" });
    const checkout = await deliverAll(bed);
    const sub = (await subscriptionOf(user.id))!;
    await portalPost(bed, sub.stripeCustomerId, { action: "card", card: CARD_FAILS_LATER });
    await advanceToPeriodEnd(bed, sub.id);
    // The new card retries the open renewal invoice at once: a second charge on the same payment intent.
    await portalPost(bed, sub.stripeCustomerId, { action: "card", card: CARD_OK });
    const stream = [...checkout, ...(await deliverAll(bed))];

    const pays = await paymentsOf(user.id);
    expect(pays.map((p) => p.status)).toEqual(["succeeded", "failed", "succeeded"]);
    const [, failed, retried] = pays;
    expect(failed!.stripePaymentIntentId).toBe(retried!.stripePaymentIntentId);
    expect(failed!.stripeChargeId).not.toBe(retried!.stripeChargeId);
    expect(failed!.failureMessage).toMatch(/declined/i);
    expect(failed!.stripeInvoiceId).toBe(retried!.stripeInvoiceId);
    expect(retried).toMatchObject({ amount: 800_00, plan: "basic", subscriptionId: sub.id, failureMessage: null });
    expect((await subscriptionOf(user.id))!.status).toBe("active");

    // Delivered backwards (the failure events after the success), the same rows result.
    const inOrder = await canonicalDump();
    await resetEventEffects();
    for (const e of [...stream].reverse()) expect((await deliver(bed, e)).status).toBe(200);
    expect(await canonicalDump()).toBe(inOrder);
  });
});

describe("disputes: state re-read from Stripe, never from the payload", () => {
  const CARD_DISPUTED = "4000000000000259";
  const disputedPayment = async (email: string) => {
    const user = await makeUser(email);
    await checkoutAndPay(user, { plan: "basic", interval: "month" }, CARD_DISPUTED);
    const stream = await deliverAll(bed);
    const [pay] = await paymentsOf(user.id);
    const [dispute] = (await bed.stripe.disputes.list({ charge: pay!.stripeChargeId! })).data;
    return { user, stream, pay: pay!, dispute: dispute! };
  };

  it("opened → disputed; won → the charge's state again; lost stays disputed; any order converges", async () => {
    const won = await disputedPayment("won@example.com");
    expect(won.stream.map((e) => e.type)).toContain("charge.dispute.created");
    expect(won.pay.status).toBe("disputed");
    // The charge is still paid: the audit was bought.
    expect(await db().select().from(schema.audits)).toHaveLength(1);

    await bed.stripe.disputes.update(won.dispute.id, { evidence: { uncategorized_text: "winning_evidence" } });
    const closed = await deliverAll(bed);
    expect(closed.map((e) => e.type)).toEqual(["charge.dispute.closed"]);
    expect((await paymentsOf(won.user.id))[0]!.status).toBe("succeeded");

    const lost = await disputedPayment("lost@example.com");
    await bed.stripe.disputes.close(lost.dispute.id);
    const lostClosed = await deliverAll(bed);
    expect((await paymentsOf(lost.user.id))[0]!.status).toBe("disputed");

    // `created` after `closed` (reverse order), and each three times: the same state.
    const inOrder = await canonicalDump();
    const all = [...won.stream, ...closed, ...lost.stream, ...lostClosed];
    await resetEventEffects();
    for (const e of [...all].reverse().flatMap((e) => [e, e, e])) expect((await deliver(bed, e)).status).toBe(200);
    expect(await canonicalDump()).toBe(inOrder);
  });

  it("a dispute event for a dispute Stripe does not know is a 500 (retried), not a state change", async () => {
    const { pay } = await disputedPayment("forged@example.com");
    const forged = craftedEvent("charge.dispute.closed", {
      id: "dp_forged",
      charge: pay.stripeChargeId,
      status: "won",
    });
    expect((await postWebhook(forged.payload, forged.signature)).status).toBe(500);
    expect((await paymentsOf(pay.userId!))[0]!.status).toBe("disputed");
  });
});

describe("checkout.session.async_payment_succeeded", () => {
  it("fulfils the checkout exactly once, whichever of it and checkout.session.completed comes first", async () => {
    const user = await makeUser();
    const { sessionId } = await checkoutAndPay(user);
    const stream = bed.take();
    const completed = stream.find((e) => e.type === "checkout.session.completed")!;
    // A bank debit settles later: Stripe sends async_payment_succeeded for the same (now paid) session.
    const settled = craftedEvent("checkout.session.async_payment_succeeded", {
      ...(completed.data.object as unknown as Record<string, unknown>),
      payment_status: "paid",
    });
    expect((await postWebhook(settled.payload, settled.signature)).status).toBe(200);
    const audits = await db().select().from(schema.audits);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ checkoutSessionId: sessionId, status: "pending", userId: user.id });
    expect((await jobEvents("audit/requested")).map((e) => e.id)).toEqual([`checkout-${sessionId}`]);

    for (const e of stream) expect((await deliver(bed, e)).status).toBe(200);
    expect(await db().select().from(schema.audits)).toHaveLength(1);
    expect(await jobEvents("audit/requested")).toHaveLength(1);
    expect(await billingEmails("receipt")).toHaveLength(1);
    expect((await subscriptionOf(user.id))!.auditsUsed).toBe(1);
  });
});
