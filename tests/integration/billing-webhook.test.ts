import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { eq, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { fulfilCheckoutSession } from "@/lib/billing/fulfil-checkout";
import { createCheckout } from "@/lib/billing/create-checkout";
import { resolvePrice } from "@/lib/billing/prices";
import { replayStripeEvent } from "@/lib/billing/replay-event";
import { metrics } from "@/lib/metrics/registry";
import { resetEnvCache } from "@/lib/env";
import { signatureHeader } from "@/emulator/stripe/webhooks/sign";
import { EMULATOR_WEBHOOK_SECRET } from "@/lib/billing/stripe-client";
import {
  advanceToPeriodEnd,
  billingEmails,
  canonicalDump,
  checkoutAndPay,
  craftedEvent,
  deliver,
  deliverAll,
  INPUT,
  jobEvents,
  makeUser,
  postWebhook,
  resetBilling,
  resetEventEffects,
  startBillingBed,
  type Bed,
} from "./billing.helpers";

let bed: Bed;
beforeAll(async () => {
  bed = await startBillingBed();
});
afterAll(() => bed.close());
beforeEach(() => resetBilling(bed));

async function counts() {
  const tables = ["stripe_events", "subscriptions", "payments", "invoices", "audits", "job_events"];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db().execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`));
    const rows = Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows;
    out[t] = Number(rows[0]!.n);
  }
  return out;
}
const NOTHING = { stripe_events: 0, subscriptions: 0, payments: 0, invoices: 0, audits: 0, job_events: 0 };

/** Deterministic shuffle (mulberry32) so a failure can be reproduced. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function deliverEach(events: Stripe.Event[]) {
  for (const e of events) expect((await deliver(bed, e)).status, e.type).toBe(200);
}

describe("Stripe webhook", () => {
  it("in order, three times each, and shuffled: identical state, one audit and one receipt per checkout", async () => {
    const ann = await makeUser();
    const bob = await makeUser();
    await checkoutAndPay(ann, { plan: "pro", interval: "month" });
    await checkoutAndPay(bob, { plan: "basic", interval: "year", competitors: [] });
    // Ann's monthly subscription renews: the stream spans two of her periods.
    const [annSub] = (await bed.stripe.subscriptions.list({ price: (await resolvePrice("pro_monthly")).id })).data;
    await advanceToPeriodEnd(bed, annSub!.id);
    const stream = bed.take();
    expect(stream.filter((e) => e.type === "invoice.paid")).toHaveLength(3);
    expect(stream.filter((e) => e.type === "checkout.session.completed")).toHaveLength(2);

    await deliverEach(stream);
    const inOrder = await canonicalDump();
    expect(await db().select().from(schema.audits)).toHaveLength(2);
    expect(await billingEmails("receipt")).toHaveLength(3);
    expect(await jobEvents("audit/requested")).toHaveLength(2);
    // Ann's first audit was in her first period; the renewal reset her credits.
    const annRow = await db().select().from(schema.subscriptions).where(eq(schema.subscriptions.userId, ann.id));
    expect(annRow[0]).toMatchObject({ auditsUsed: 0 });

    await resetEventEffects();
    await deliverEach(stream.flatMap((e) => [e, e, e]));
    expect(await canonicalDump()).toBe(inOrder);

    for (const seed of [1, 7, 42]) {
      await resetEventEffects();
      await deliverEach(shuffled(stream, seed));
      expect(await canonicalDump(), `seed ${seed}`).toBe(inOrder);
    }
    await resetEventEffects();
    await deliverEach(
      shuffled(
        stream.flatMap((e) => [e, e, e]),
        3,
      ),
    );
    expect(await canonicalDump()).toBe(inOrder);
    // All at once, twice each (Stripe delivers concurrently): the per-customer lock keeps re-reads in order.
    await resetEventEffects();
    const responses = await Promise.all(stream.flatMap((e) => [e, e]).map((e) => deliver(bed, e)));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    expect(await canonicalDump()).toBe(inOrder);
    const audits = await db().select().from(schema.audits);
    expect(audits.map((a) => a.status)).toEqual(["pending", "pending"]);
    expect((await billingEmails("receipt")).map((e) => e.data.userId).sort()).toEqual([ann.id, ann.id, bob.id].sort());
  });

  it("success page and webhook racing: exactly one fulfilment", async () => {
    const user = await makeUser();
    const { sessionId } = await checkoutAndPay(user);
    const stream = bed.take();
    const completed = stream.find((e) => e.type === "checkout.session.completed")!;
    const [page, hook] = await Promise.all([fulfilCheckoutSession(sessionId), deliver(bed, completed)]);
    expect(hook.status).toBe(200);
    expect(["fulfilled", "already_fulfilled"]).toContain(page.status);
    await deliverEach(stream);
    const audits = await db().select().from(schema.audits);
    expect(audits).toHaveLength(1);
    expect(page.auditId).toBe(audits[0]!.id);
    expect(await jobEvents("audit/requested")).toHaveLength(1);
  });

  it("an event older than the newest applied one changes nothing", async () => {
    const user = await makeUser();
    await checkoutAndPay(user);
    await deliverAll(bed);
    const [sub] = await db().select().from(schema.subscriptions);
    const created = bed.emu.events().find((e) => e.type === "customer.subscription.created")!;
    const older = craftedEvent("customer.subscription.updated", created.data.object as never, created.created - 100);
    const newer = craftedEvent("customer.subscription.updated", created.data.object as never, created.created + 100);
    expect((await postWebhook(newer.payload, newer.signature)).status).toBe(200);
    const [afterNewer] = await db().select().from(schema.subscriptions);
    expect(afterNewer!.lastEventAt).toBe(created.created + 100);
    expect((await postWebhook(older.payload, older.signature)).status).toBe(200);
    const [afterOlder] = await db().select().from(schema.subscriptions);
    expect(afterOlder!.lastEventAt).toBe(created.created + 100);
    expect(afterOlder!.updatedAt.getTime()).toBe(afterNewer!.updatedAt.getTime());
    expect(sub!.status).toBe("active");
  });

  describe("refused requests: 400 and nothing written", () => {
    it("missing or bad signature, stale timestamp, oversized body, malformed JSON", async () => {
      const user = await makeUser();
      await checkoutAndPay(user);
      const event = bed.take().find((e) => e.type === "checkout.session.completed")!;
      const { payload } = bed.emu.signedEvent(event.id);
      const now = Math.floor(Date.now() / 1000);
      const cases: [string, string | Buffer, string | null][] = [
        ["missing signature", payload, null],
        ["wrong secret", payload, signatureHeader(payload, "whsec_not_ours")],
        ["tampered body", payload.replace('"complete"', '"open"'), signatureHeader(payload, EMULATOR_WEBHOOK_SECRET)],
        ["stale timestamp", payload, signatureHeader(payload, EMULATOR_WEBHOOK_SECRET, now - 301)],
        ["garbage header", payload, "nonsense"],
        ["malformed JSON", "{not json", signatureHeader("{not json", EMULATOR_WEBHOOK_SECRET)],
        ["not an event", '{"hello":1}', signatureHeader('{"hello":1}', EMULATOR_WEBHOOK_SECRET)],
      ];
      const big = Buffer.alloc(600 * 1024, 0x20);
      cases.push(["oversized body", big, signatureHeader(big.toString(), EMULATOR_WEBHOOK_SECRET)]);
      for (const [label, body, sig] of cases) {
        const res = await postWebhook(body, sig);
        expect(res.status, label).toBe(400);
        const json = await res.json();
        expect(json.error?.code ?? json.code, label).toBe("bad_request");
      }
      expect(await counts()).toEqual(NOTHING);
      // Inside the tolerance it is accepted.
      const fresh = await postWebhook(payload, signatureHeader(payload, EMULATOR_WEBHOOK_SECRET, now - 200));
      expect(fresh.status).toBe(200);
    });

    it("accepts the previous secret during rotation", async () => {
      process.env.STRIPE_WEBHOOK_SECRET = "whsec_new_secret";
      process.env.STRIPE_WEBHOOK_SECRET_PREVIOUS = EMULATOR_WEBHOOK_SECRET;
      resetEnvCache();
      try {
        const user = await makeUser();
        await checkoutAndPay(user);
        const [a, b] = bed
          .take()
          .filter((e) => e.type.startsWith("customer.subscription") || e.type === "invoice.paid");
        expect((await deliver(bed, a!, "whsec_new_secret")).status).toBe(200);
        expect((await deliver(bed, b!, EMULATOR_WEBHOOK_SECRET)).status).toBe(200);
        expect((await deliver(bed, b!, "whsec_retired_long_ago")).status).toBe(400);
      } finally {
        delete process.env.STRIPE_WEBHOOK_SECRET;
        delete process.env.STRIPE_WEBHOOK_SECRET_PREVIOUS;
        resetEnvCache();
      }
    });
  });

  it("a handler that throws: 500, nothing half-done, failure recorded; a replay then succeeds", async () => {
    const user = await makeUser();
    const { sessionId } = await checkoutAndPay(user);
    const completed = bed.take().find((e) => e.type === "checkout.session.completed")!;
    // Fails the audit insert, after the subscription upsert in the same handler.
    await db().execute(
      sql.raw(`create or replace function billing_test_fail() returns trigger language plpgsql as $$
        begin raise exception 'audit insert refused (test)'; end $$`),
    );
    await db().execute(
      sql.raw(
        `create trigger billing_test_fail before insert on audits for each row execute function billing_test_fail()`,
      ),
    );
    try {
      const res = await deliver(bed, completed);
      expect(res.status).toBe(500);
      expect(await counts()).toEqual({ ...NOTHING, stripe_events: 1 });
      const [ev] = await db().select().from(schema.stripeEvents);
      expect(ev).toMatchObject({ id: completed.id, status: "failed", attempts: 1 });
      expect(ev!.error).toMatch(/audit insert refused/);
      const [row] = await db().select().from(schema.checkoutSessions).where(eq(schema.checkoutSessions.id, sessionId));
      expect(row).toMatchObject({ status: "open", fulfilledAt: null });
      expect((await deliver(bed, completed)).status).toBe(500);
      const [again] = await db().select().from(schema.stripeEvents);
      expect(again!.attempts).toBe(2);
    } finally {
      await db().execute(sql.raw(`drop trigger if exists billing_test_fail on audits`));
    }
    expect(await replayStripeEvent(completed.id)).toEqual({ outcome: "processed" });
    const [done] = await db().select().from(schema.stripeEvents);
    expect(done).toMatchObject({ status: "processed", attempts: 3, error: null });
    expect(await db().select().from(schema.audits)).toHaveLength(1);
    expect(await replayStripeEvent(completed.id)).toEqual({ outcome: "duplicate" });
    expect(await db().select().from(schema.audits)).toHaveLength(1);
  });

  it("unknown event types: 200, stored as ignored, counted", async () => {
    const counter = async () =>
      (await metrics().webhookEvents.get()).values.find(
        (v) => v.labels.type === "invoice.finalized" && v.labels.outcome === "ignored",
      )?.value ?? 0;
    const before = await counter();
    const user = await makeUser();
    await checkoutAndPay(user);
    const finalized = bed.take().find((e) => e.type === "invoice.finalized")!;
    const res = await deliver(bed, finalized);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "ignored" });
    expect(await counter()).toBe(before + 1);
    const [row] = await db().select().from(schema.stripeEvents);
    expect(row).toMatchObject({ id: finalized.id, status: "ignored" });
    expect(await counts()).toEqual({ ...NOTHING, stripe_events: 1 });
  });

  it("expired and async-payment-failed checkouts stay in the funnel with their status, unfulfilled", async () => {
    const user = await makeUser();
    const a = await createCheckout(user, INPUT);
    const b = await createCheckout(user, { ...INPUT, plan: "enterprise" });
    await bed.stripe.checkout.sessions.expire(a.sessionId);
    const expired = bed.take().filter((e) => e.type === "checkout.session.expired");
    expect(expired).toHaveLength(1);
    await deliverEach(expired);
    const failed = craftedEvent("checkout.session.async_payment_failed", {
      id: b.sessionId,
      object: "checkout.session",
    });
    expect((await postWebhook(failed.payload, failed.signature)).status).toBe(200);
    const rows = await db().select().from(schema.checkoutSessions);
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.status, r.fulfilledAt]]))).toEqual({
      [a.sessionId]: ["expired", null],
      [b.sessionId]: ["failed", null],
    });
    expect(await fulfilCheckoutSession(a.sessionId)).toEqual({ status: "expired", auditId: null });
    for (const bad of ["../../v1/customers", "cs_x/../../y", ""])
      await expect(fulfilCheckoutSession(bad)).rejects.toMatchObject({ code: "not_found" });
    expect(await db().select().from(schema.audits)).toHaveLength(0);
  });

  it("invoice.payment_action_required queues one action_required email; invoice.upcoming is acknowledged", async () => {
    const user = await makeUser();
    await checkoutAndPay(user);
    await deliverAll(bed);
    const [invoice] = await db().select().from(schema.invoices);
    const before = await counts();
    const action = craftedEvent("invoice.payment_action_required", {
      id: invoice!.id,
      object: "invoice",
      customer: invoice!.stripeCustomerId,
    });
    expect((await postWebhook(action.payload, action.signature)).status).toBe(200);
    expect((await postWebhook(action.payload, action.signature)).status).toBe(200);
    const emails = await billingEmails("action_required");
    expect(emails).toHaveLength(1);
    expect(emails[0]!.data).toMatchObject({ userId: user.id, ref: invoice!.id });
    const upcoming = craftedEvent("invoice.upcoming", { object: "invoice", customer: invoice!.stripeCustomerId });
    // A preview invoice has no id: acknowledged, nothing stored but the event itself.
    expect(await (await postWebhook(upcoming.payload, upcoming.signature)).json()).toEqual({
      received: true,
      outcome: "processed",
    });
    expect(await counts()).toEqual({
      ...before,
      stripe_events: before.stripe_events + 2,
      job_events: before.job_events + 1,
    });
  });
});
