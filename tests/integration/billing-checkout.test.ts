import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, schema } from "@/db";
import { POST as checkoutRoute } from "@/app/api/checkout/route";
import { PLANS } from "@/lib/billing/plans";
import { syncCatalogue } from "@/lib/billing/catalogue-sync";
import { resetPriceCache, resolvePrice } from "@/lib/billing/prices";
import { reconcileStripe } from "@/lib/billing/reconcile";
import { jobs } from "@/inngest/functions";
import { createCheckout } from "@/lib/billing/create-checkout";
import { payCheckout } from "@/emulator/stripe/testing";
import { bearer, registerUser } from "./accounts.helpers";
import { request } from "../http";
import {
  checkoutAndPay,
  DAY,
  deliver,
  deliverAll,
  INPUT,
  makeUser,
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

const post = (body: unknown, headers: Record<string, string> = {}) =>
  checkoutRoute(request("/api/checkout", { body, headers }));

describe("POST /api/checkout", () => {
  it("validates, creates one customer per user, records the started checkout, and refuses a second subscription", async () => {
    expect((await post(INPUT)).status).toBe(401);
    const ann = await registerUser("ann.billing@example.com");
    const auth = bearer(ann.token);

    const tooMany = await post(
      { ...INPUT, plan: "basic", keywords: Array.from({ length: 101 }, (_, i) => `k${i}`) },
      auth,
    );
    expect(tooMany.status).toBe(400);
    const tooManyBody = await tooMany.json();
    expect(JSON.stringify(tooManyBody)).toMatch(/at most 100 keywords/);
    const rivals = await post(
      { ...INPUT, plan: "basic", competitors: ["https://a.example", "https://b.example"] },
      auth,
    );
    expect(rivals.status).toBe(400);
    expect(JSON.stringify(await rivals.json())).toMatch(/at most 1 competitors/);
    for (const siteUrl of ["ftp://example.com", "not a url", "https://user:pw@example.com/"]) {
      const bad = await post({ ...INPUT, siteUrl }, auth);
      expect(bad.status, siteUrl).toBe(400);
      expect(JSON.stringify(await bad.json())).toMatch(/siteUrl/);
    }
    expect((await post({ ...INPUT, plan: "gold" }, auth)).status).toBe(400);
    expect(await db().select().from(schema.checkoutSessions)).toHaveLength(0);

    const ok = await post(INPUT, auth);
    expect(ok.status).toBe(200);
    const { url, sessionId } = await ok.json();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const again = await (await post(INPUT, auth)).json();
    expect(again.sessionId).toBe(sessionId); // a double submit is the same session
    const other = await (await post({ ...INPUT, plan: "enterprise", interval: "year" }, auth)).json();
    expect(other.sessionId).not.toBe(sessionId);

    const rows = await db().select().from(schema.checkoutSessions).orderBy(schema.checkoutSessions.createdAt);
    expect(rows.map((r) => [r.plan, r.interval, r.status, r.userId])).toEqual([
      ["pro", "month", "open", ann.id],
      ["enterprise", "year", "open", ann.id],
    ]);
    expect(rows[0]!.auditRequest).toEqual({
      siteUrl: INPUT.siteUrl,
      keywords: INPUT.keywords,
      competitors: INPUT.competitors,
    });
    const customers = await db().select().from(schema.customers);
    expect(customers).toHaveLength(1);
    const s1 = await bed.stripe.checkout.sessions.retrieve(sessionId, { expand: ["line_items"] });
    const s2 = await bed.stripe.checkout.sessions.retrieve(other.sessionId, { expand: ["line_items"] });
    expect([s1.customer, s2.customer]).toEqual([customers[0]!.stripeCustomerId, customers[0]!.stripeCustomerId]);
    expect(s1).toMatchObject({ mode: "subscription", client_reference_id: ann.id, metadata: { userId: ann.id } });
    expect(s1.success_url).toBe("http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}");
    expect(s1.cancel_url).toBe(
      "http://localhost:3000/checkout/cancel?plan=pro&interval=month&siteUrl=https%3A%2F%2Fshop.example.com%2F",
    );
    expect(s1.line_items!.data.map((l) => l.price!.lookup_key).sort()).toEqual(["pro_monthly", "pro_setup"]);
    expect(s1.amount_total).toBe(PLANS.pro.prices.month + PLANS.pro.setupFee);
    expect(s2.line_items!.data.map((l) => l.price!.lookup_key).sort()).toEqual([
      "enterprise_annual",
      "enterprise_setup",
    ]);

    // Pay the first: now subscribed, so a new checkout is a 409 pointing at the portal.
    expect((await payCheckout(url, "4242424242424242", ann.email)).status).toBe(303);
    await deliverAll(bed);
    const conflict = await post({ ...INPUT, plan: "basic", competitors: [] }, auth);
    expect(conflict.status).toBe(409);
    expect(JSON.stringify(await conflict.json())).toContain("/api/billing/portal");
  });

  it("a missing Stripe price fails loudly, naming the lookup key", async () => {
    const price = await resolvePrice("basic_annual");
    await bed.stripe.prices.update(price.id, { active: false });
    resetPriceCache();
    const user = await makeUser();
    const err = await createCheckout(user, { ...INPUT, plan: "basic", interval: "year", competitors: [] }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "unavailable" });
    expect(String((err as Error).message)).toMatch(/basic_annual.*stripe:sync/);
  });
});

describe("catalogue sync", () => {
  it("is idempotent and repairs a changed price by lookup key", async () => {
    const second = await syncCatalogue();
    expect(second.products.created).toEqual([]);
    expect(second.prices.created).toEqual([]);
    expect(second.prices.replaced).toEqual([]);
    expect(second.prices.unchanged).toHaveLength(8);
    const active = await bed.stripe.prices.list({ active: true, limit: 100 });
    expect(active.data.map((p) => p.lookup_key).sort()).toEqual(
      [
        "basic_annual",
        "basic_monthly",
        "enterprise_annual",
        "enterprise_monthly",
        "enterprise_setup",
        "pro_annual",
        "pro_monthly",
        "pro_setup",
      ].sort(),
    );
    expect((await bed.stripe.products.list({ limit: 100 })).data).toHaveLength(5);
    expect(await db().select().from(schema.stripePrices)).toHaveLength(8);

    const old = await resolvePrice("basic_monthly");
    const original = PLANS.basic.prices.month;
    PLANS.basic.prices.month = 900_00;
    try {
      const changed = await syncCatalogue();
      expect(changed.prices.replaced).toEqual(["basic_monthly"]);
      const now = await resolvePrice("basic_monthly");
      expect(now.id).not.toBe(old.id);
      expect(now.unitAmount).toBe(900_00);
      expect((await bed.stripe.prices.retrieve(old.id)).active).toBe(false);
      const [mirror] = await db()
        .select()
        .from(schema.stripePrices)
        .where(eq(schema.stripePrices.lookupKey, "basic_monthly"));
      expect(mirror).toMatchObject({ stripePriceId: now.id, unitAmount: 900_00 });
    } finally {
      PLANS.basic.prices.month = original;
    }
    expect((await syncCatalogue()).prices.replaced).toEqual(["basic_monthly"]);
    expect((await syncCatalogue()).prices.replaced).toEqual([]);
  });

  it("npm run stripe:sync against the emulator reports nothing to change", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/stripe-sync.ts"], {
      env: { ...process.env, STRIPE_EMULATOR_URL: bed.emu.url },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/prices created\s+—/);
    expect(stdout).toMatch(/prices unchanged\s+basic_monthly, basic_annual, pro_monthly/);
  });
});

describe("reconciliation", () => {
  it("processes missed events, then repairs subscription and payment drift", async () => {
    const user = await makeUser();
    const { sessionId } = await checkoutAndPay(user);
    const stream = bed.take(); // lost: the endpoint was down
    // A day later delivery works again: a newer event arrives and is processed.
    bed.emu.advance(DAY);
    const [sub0] = (await bed.stripe.subscriptions.list({ limit: 1 })).data;
    await bed.stripe.subscriptions.update(sub0!.id, { metadata: { note: "after the outage" } });
    for (const e of bed.take()) expect((await deliver(bed, e)).status).toBe(200);
    expect(await db().select().from(schema.audits)).toHaveLength(0);

    const first = await reconcileStripe();
    expect(first.eventsFailed).toEqual([]);
    const missed = stream
      .filter((e) => ["checkout.session.completed", "invoice.paid", "payment_intent.succeeded"].includes(e.type))
      .map((e) => e.id);
    expect(first.eventsProcessed).toEqual(expect.arrayContaining(missed));
    const [audit] = await db().select().from(schema.audits);
    expect(audit).toMatchObject({ checkoutSessionId: sessionId, status: "pending" });
    const [payment] = await db().select().from(schema.payments);
    expect(payment).toMatchObject({ status: "succeeded", amount: 3_000_00 });

    const quiet = await reconcileStripe();
    expect(quiet.eventsProcessed).toEqual([]);
    expect(quiet.subscriptionsRepaired).toEqual([]);
    expect(quiet.paymentsRepaired).toEqual([]);

    const sub = (await subscriptionOf(user.id))!;
    await db()
      .update(schema.subscriptions)
      .set({ status: "canceled", plan: "basic" })
      .where(eq(schema.subscriptions.id, sub.id));
    await db().update(schema.payments).set({ status: "failed" }).where(eq(schema.payments.id, payment!.id));
    const repaired = await reconcileStripe();
    expect(repaired.subscriptionsRepaired).toEqual([{ id: sub.id, fields: ["status", "plan"] }]);
    expect(repaired.paymentsRepaired).toEqual([
      {
        paymentIntentId: payment!.stripePaymentIntentId,
        chargeId: payment!.stripeChargeId,
        from: "failed",
        to: "succeeded",
      },
    ]);
    expect(await subscriptionOf(user.id)).toMatchObject({ status: "active", plan: "pro" });
    expect(await db().select().from(schema.audits)).toHaveLength(1);

    // The nightly cron is registered and runs the same reconciliation.
    const job = jobs.find((j) => j.config.id === "reconcile-stripe")!;
    expect(job.config.trigger).toEqual({ cron: "TZ=UTC 30 2 * * *" });
    const steps: string[] = [];
    const step = {
      run: async <T>(id: string, fn: () => T | Promise<T>) => {
        steps.push(id);
        return fn();
      },
      sendEvent: async () => {},
      sleep: async () => {},
    };
    const nightly = (await job.handler({
      event: { name: "cron", data: {} as never },
      step,
      attempt: 0,
      runId: "r1",
    } as never)) as {
      eventsProcessed: string[];
      subscriptionsRepaired: unknown[];
    };
    expect(steps).toEqual(["reconcile"]);
    expect(nightly).toMatchObject({ eventsProcessed: [], subscriptionsRepaired: [] });
  });
});
