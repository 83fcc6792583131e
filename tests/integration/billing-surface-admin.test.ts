import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { POST as refundPost } from "@/app/api/admin/refunds/route";
import { POST as replayPost } from "@/app/api/admin/stripe-events/[id]/replay/route";
import { billingKpis, failedStripeEvents, listSubscriptions, recentPayments } from "@/lib/billing/admin-metrics";
import { params, request } from "../http";
import { auditActions, makeAdmin, registerUser, type Registered } from "./accounts.helpers";
import { billingEmails, checkoutAndPay, deliverAll, resetBilling, startBillingBed, type Bed } from "./billing.helpers";

let bed: Bed;

const refund = (body: unknown, cookie?: string) =>
  refundPost(request("/api/admin/refunds", { body, headers: cookie ? { cookie } : {} }));
const replay = (id: string, cookie?: string) =>
  replayPost(
    request(`/api/admin/stripe-events/${id}/replay`, { method: "POST", headers: cookie ? { cookie } : {} }),
    params({ id }),
  );

async function admin(): Promise<Registered> {
  const a = await registerUser("admin@example.com");
  await makeAdmin(a.id);
  return a;
}

async function paidPayment(email = "payer@example.com") {
  const user = await registerUser(email);
  await checkoutAndPay(user);
  await deliverAll(bed);
  const [payment] = await db().select().from(schema.payments).where(eq(schema.payments.userId, user.id));
  return { user, payment: payment! };
}

const paymentRow = async (id: string) =>
  (await db().select().from(schema.payments).where(eq(schema.payments.id, id)))[0]!;

describe("billing surface: refunds, replay, admin metrics", () => {
  beforeAll(async () => {
    bed = await startBillingBed();
  });
  afterAll(() => bed.close());
  beforeEach(() => resetBilling(bed));

  it("refunds are for admins only", async () => {
    const { user, payment } = await paidPayment();
    const body = { paymentId: payment.id, reason: "requested_by_customer" };
    expect((await refund(body)).status).toBe(401);
    expect((await refund(body, user.cookie)).status).toBe(403);
    expect((await bed.stripe.refunds.list({ limit: 10 })).data).toHaveLength(0);
  });

  it("validation: each bad input is a 400 naming the field, unknown payment 404", async () => {
    const { payment } = await paidPayment();
    const a = await admin();
    const cases: [unknown, number, string][] = [
      [{ reason: "x" }, 400, "paymentId"],
      [{ paymentId: payment.id }, 400, "reason"],
      [{ paymentId: payment.id, reason: "x", amount: -5 }, 400, "amount"],
      [{ paymentId: payment.id, reason: "x", amount: 10.5 }, 400, "amount"],
      [{ paymentId: payment.id, reason: "x", amount: payment.amount + 1 }, 400, "amount"],
      [{ paymentId: "nope", reason: "x" }, 404, "paymentId"],
    ];
    for (const [body, status, field] of cases) {
      const res = await refund(body, a.cookie);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await res.json()).error.field).toBe(field);
    }
    expect((await bed.stripe.refunds.list({ limit: 10 })).data).toHaveLength(0);
  });

  it("partial then full refund: idempotent, audit-logged, status changes only when charge.refunded arrives", async () => {
    const { payment } = await paidPayment();
    const a = await admin();
    expect(payment).toMatchObject({ status: "succeeded", amount: 3_000_00, amountRefunded: 0 });

    const body = { paymentId: payment.id, amount: 1_000_00, reason: "Customer asked for a partial refund" };
    const first = await refund(body, a.cookie);
    expect(first.status).toBe(200);
    const r1 = await first.json();
    expect(r1).toMatchObject({ paymentId: payment.id, amount: 1_000_00, replayed: false });
    // A double click: the same refund comes back, nothing new at Stripe, one audit-log row.
    const again = await (await refund(body, a.cookie)).json();
    expect(again).toMatchObject({ refundId: r1.refundId, replayed: true });
    const refunds = await bed.stripe.refunds.list({ limit: 10 });
    expect(refunds.data.map((r) => [r.id, r.amount, r.reason])).toEqual([
      [r1.refundId, 1_000_00, "requested_by_customer"],
    ]);
    expect((await auditActions()).filter((x) => x === "admin.payment.refunded")).toHaveLength(1);
    const [log] = await db().select().from(schema.auditLog).where(eq(schema.auditLog.action, "admin.payment.refunded"));
    expect(log).toMatchObject({
      actorId: a.id,
      targetType: "payment",
      targetId: payment.id,
      details: { refundId: r1.refundId, amount: 1_000_00, reason: body.reason },
    });

    // Not yet confirmed by Stripe: the row is unchanged.
    expect(await paymentRow(payment.id)).toMatchObject({ status: "succeeded", amountRefunded: 0 });
    await deliverAll(bed); // charge.refunded
    expect(await paymentRow(payment.id)).toMatchObject({ status: "partially_refunded", amountRefunded: 1_000_00 });
    expect(await billingEmails("refund_issued")).toHaveLength(1);

    // More than what is left is refused; the rest (no amount) is accepted.
    const tooMuch = await refund({ paymentId: payment.id, amount: 2_000_01, reason: "duplicate" }, a.cookie);
    expect(tooMuch.status).toBe(400);
    const rest = await refund({ paymentId: payment.id, reason: "duplicate" }, a.cookie);
    expect(rest.status).toBe(200);
    expect(await rest.json()).toMatchObject({ amount: 2_000_00, replayed: false });
    await deliverAll(bed);
    expect(await paymentRow(payment.id)).toMatchObject({ status: "refunded", amountRefunded: 3_000_00 });
    const done = await refund({ paymentId: payment.id, reason: "duplicate" }, a.cookie);
    expect(done.status).toBe(400);
    expect((await done.json()).error.message).toMatch(/refunded payment cannot be refunded/);
  });

  it("replay: admins only, unknown ids 404, a failed event is re-processed and audit-logged", async () => {
    const { user } = await paidPayment();
    const a = await admin();
    const event = bed.emu.events().find((e) => e.type === "customer.subscription.created")!;
    await db()
      .update(schema.stripeEvents)
      .set({ status: "failed", attempts: 3, error: "database timeout" })
      .where(eq(schema.stripeEvents.id, event.id));
    expect((await failedStripeEvents()).map((e) => [e.id, e.attempts, e.error])).toEqual([
      [event.id, 3, "database timeout"],
    ]);

    expect((await replay(event.id)).status).toBe(401);
    expect((await replay(event.id, user.cookie)).status).toBe(403);
    expect((await replay("evt_unknown", a.cookie)).status).toBe(404);

    const res = await replay(event.id, a.cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ eventId: event.id, status: "processed" });
    const [row] = await db().select().from(schema.stripeEvents).where(eq(schema.stripeEvents.id, event.id));
    expect(row).toMatchObject({ status: "processed", attempts: 4, error: null });
    expect(await failedStripeEvents()).toEqual([]);
    expect(await auditActions()).toContain("admin.stripe_event.replayed");
  });

  it("KPIs on seeded data: MRR/ARR from the plans file, revenue, refunds, failures, funnel", async () => {
    const now = new Date("2026-11-20T12:00:00Z");
    const old = new Date("2026-09-01T00:00:00Z");
    const [u] = await db().insert(schema.users).values({ email: "seed@example.com" }).returning();
    const sub = (id: string, plan: string, interval: string, status: string) => ({
      id,
      userId: u!.id,
      stripeCustomerId: "cus_seed",
      status,
      plan,
      interval,
      stripePriceId: `price_${plan}_${interval}`,
    });
    await db()
      .insert(schema.subscriptions)
      .values([
        sub("sub_1", "pro", "month", "active"), // 2,500 / month
        sub("sub_2", "basic", "year", "active"), // 8,000 / year
        sub("sub_3", "enterprise", "month", "past_due"), // 6,000 / month
        sub("sub_4", "pro", "month", "trialing"), // not revenue yet
        sub("sub_5", "basic", "month", "canceled"), // gone
      ]);
    const pay = (amount: number, status: "succeeded" | "failed" | "partially_refunded", refunded = 0, at = now) => ({
      userId: u!.id,
      amount,
      amountRefunded: refunded,
      currency: "usd",
      status,
      plan: "pro",
      createdAt: at,
      updatedAt: at,
    });
    await db()
      .insert(schema.payments)
      .values([
        pay(3_000_00, "succeeded"),
        pay(800_00, "partially_refunded", 200_00),
        pay(2_500_00, "failed"),
        pay(9_999_00, "succeeded", 0, old), // outside the 30-day window
      ]);
    const cs = (id: string, status: "open" | "complete" | "expired" | "failed", at = now) => ({
      id,
      userId: u!.id,
      plan: "pro",
      interval: "month",
      status,
      auditRequest: { siteUrl: "https://x.example", keywords: [], competitors: [] },
      createdAt: at,
    });
    await db()
      .insert(schema.checkoutSessions)
      .values([
        cs("cs_1", "complete"),
        cs("cs_2", "complete"),
        cs("cs_3", "expired"),
        cs("cs_4", "open"),
        cs("cs_5", "complete", old),
      ]);

    const k = await billingKpis(now);
    const arr = 2_500_00 * 12 + 8_000_00 + 6_000_00 * 12;
    expect(k).toEqual({
      currency: "usd",
      mrr: Math.round(arr / 12),
      arr,
      activeByPlan: { basic: 1, pro: 1, enterprise: 1 },
      activeTotal: 3,
      trialing: 1,
      windowDays: 30,
      revenue: { gross: 3_800_00, refunded: 200_00, net: 3_600_00, payments: 2 },
      refunds: { count: 1, amount: 200_00 },
      failedPayments: 1,
      funnel: { started: 4, completed: 2, expired: 1, failed: 0, open: 1, conversion: 0.5 },
    });
    expect(k.mrr).toBe(9_166_67); // 2,500 + 8,000 / 12 + 6,000
    expect((await recentPayments()).map((p) => p.amount)).toHaveLength(4);
    expect((await listSubscriptions()).map((s) => s.id).sort()).toEqual(["sub_1", "sub_2", "sub_3", "sub_4", "sub_5"]);
  });
});
