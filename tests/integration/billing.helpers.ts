import { expect } from "vitest";
import type Stripe from "stripe";
import { eq, sql } from "drizzle-orm";
import { db, schema } from "@/db";
import { startStripeEmulator, type StripeEmulator } from "@/emulator/stripe";
import { payCheckout, sdkFor } from "@/emulator/stripe/testing";
import { signatureHeader } from "@/emulator/stripe/webhooks/sign";
import { POST as webhookRoute } from "@/app/api/webhooks/stripe/route";
import { resetEnvCache } from "@/lib/env";
import { resetStripeClient, EMULATOR_WEBHOOK_SECRET } from "@/lib/billing/stripe-client";
import { resetPriceCache } from "@/lib/billing/prices";
import { syncCatalogue } from "@/lib/billing/catalogue-sync";
import { createCheckout, type CheckoutInput } from "@/lib/billing/create-checkout";
import { setRateLimitStore } from "@/lib/rate-limit/limiter";
import { createMemoryLimiter } from "@/lib/rate-limit/memory-limiter";
import { resetDb } from "../db";
import { request } from "../http";

export const DAY = 86_400;
export const CARD_OK = "4242424242424242";
export const CARD_DECLINED = "4000000000000002";
export const CARD_NO_FUNDS = "4000000000009995";
export const CARD_FAILS_LATER = "4000000000000341";

/**
 * One in-memory Stripe emulator per test file; the app's Stripe client points at
 * it. Webhooks are not sent over the network: tests take the emulator's events
 * and hand them, signed, to the real route handler (`deliver`), in any order.
 */
export type Bed = {
  emu: StripeEmulator;
  stripe: Stripe;
  /** Events not yet handed to the app, oldest first (marks them as taken). */
  take(): Stripe.Event[];
  close(): Promise<void>;
};

export async function startBillingBed(): Promise<Bed> {
  const emu = await startStripeEmulator({ port: 0, dataFile: null, webhookUrl: null });
  process.env.STRIPE_EMULATOR_URL = emu.url;
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_WEBHOOK_SECRET_PREVIOUS;
  resetEnvCache();
  resetStripeClient();
  resetPriceCache();
  const taken = new Set<string>();
  return {
    emu,
    stripe: sdkFor(emu),
    take() {
      const fresh = emu.events().filter((e) => !taken.has(e.id));
      for (const e of fresh) taken.add(e.id);
      return fresh;
    },
    close: () => emu.close(),
  };
}

/** Empty database and emulator, catalogue synced (what `npm run stripe:sync` does). */
export async function resetBilling(bed: Bed): Promise<void> {
  await resetDb();
  bed.emu.reset();
  bed.take();
  resetEnvCache();
  resetStripeClient();
  resetPriceCache();
  setRateLimitStore(createMemoryLimiter());
  await syncCatalogue();
  bed.take();
}

/** Hands one event to POST /api/webhooks/stripe exactly as Stripe would send it. */
export async function deliver(bed: Bed, event: Stripe.Event, secret = EMULATOR_WEBHOOK_SECRET): Promise<Response> {
  const { payload } = bed.emu.signedEvent(event.id, secret);
  return postWebhook(payload, signatureHeader(payload, secret));
}

export async function postWebhook(payload: string | Buffer, signature: string | null): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return webhookRoute(request("/api/webhooks/stripe", { method: "POST", rawBody: payload, headers }));
}

/** Delivers everything new, in order; every delivery must be acknowledged. */
export async function deliverAll(bed: Bed): Promise<Stripe.Event[]> {
  const events = bed.take();
  for (const e of events) {
    const res = await deliver(bed, e);
    expect(res.status, `${e.type} ${e.id}: ${await res.clone().text()}`).toBe(200);
  }
  return events;
}

let n = 0;
export async function makeUser(email = `buyer${++n}@example.com`) {
  const [u] = await db().insert(schema.users).values({ email, name: "Bea Buyer" }).returning();
  return { id: u!.id, email: u!.email, name: u!.name };
}

export const INPUT: CheckoutInput = {
  plan: "pro",
  interval: "month",
  siteUrl: "https://shop.example.com/",
  keywords: ["widgets", "gadgets"],
  competitors: ["https://rival.example.com/"],
};

/** createCheckout + paying on the hosted page; returns the session id and the hosted page's answer. */
export async function checkoutAndPay(
  user: { id: string; email: string },
  input: Partial<CheckoutInput> = {},
  card = CARD_OK,
): Promise<{ sessionId: string; paid: { status: number; location: string | null; html: string } }> {
  const { url, sessionId } = await createCheckout(user, { ...INPUT, ...input });
  const paid = await payCheckout(url, card, user.email);
  return { sessionId, paid };
}

export async function subscriptionOf(userId: string) {
  const [s] = await db().select().from(schema.subscriptions).where(eq(schema.subscriptions.userId, userId));
  return s;
}

export async function jobEvents(name?: string) {
  const rows = await db().select().from(schema.jobEvents).orderBy(schema.jobEvents.id);
  return name ? rows.filter((r) => r.name === name) : rows;
}

export async function billingEmails(template?: string) {
  const rows = await jobEvents("billing/email.requested");
  return template ? rows.filter((r) => r.data.template === template) : rows;
}

/** Posts a portal form (cancel, resume, switch, card) on the emulator's hosted portal. */
export async function portalPost(bed: Bed, customer: string, form: Record<string, string>): Promise<void> {
  const portal = await bed.stripe.billingPortal.sessions.create({ customer, return_url: "http://app.test/" });
  const res = await fetch(portal.url, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
  expect(res.status).toBe(303);
  expect(decodeURIComponent(res.headers.get("location") ?? "")).not.toContain("error=");
}

/** Moves the emulator's clock to just past the subscription's current period end. */
export async function advanceToPeriodEnd(bed: Bed, subscriptionId: string, extra = 60): Promise<void> {
  const sub = await bed.stripe.subscriptions.retrieve(subscriptionId);
  const end = sub.items.data[0]!.current_period_end;
  bed.emu.advance(end - bed.emu.now() + extra);
}

/** A Stripe event the emulator cannot produce (disputes), signed like a real delivery. */
export function craftedEvent(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  const payload = JSON.stringify({
    id: `evt_test_${Math.random().toString(36).slice(2, 12)}`,
    object: "event",
    api_version: "2026-10-28",
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
  return { payload, signature: signatureHeader(payload, EMULATOR_WEBHOOK_SECRET) };
}

/** Everything the webhook writes, without generated ids and clock times: equal dumps = equal states. */
export async function canonicalDump(): Promise<string> {
  const audits = await db().select().from(schema.audits);
  const auditKey = new Map(audits.map((a) => [a.id, `audit:${a.checkoutSessionId ?? a.trigger}`]));
  const strip = <T extends Record<string, unknown>>(rows: T[], drop: string[]) =>
    rows
      .map((r) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) if (!drop.includes(k)) o[k] = v instanceof Date ? v.toISOString() : v;
        return JSON.stringify(o, (key, value) =>
          key === "auditId" && typeof value === "string" ? (auditKey.get(value) ?? value) : value,
        );
      })
      .sort();
  const [subs, sessions, pays, invs, jobs, events, customers] = await Promise.all([
    db().select().from(schema.subscriptions),
    db().select().from(schema.checkoutSessions),
    db().select().from(schema.payments),
    db().select().from(schema.invoices),
    db().select().from(schema.jobEvents),
    db().select({ id: schema.stripeEvents.id, status: schema.stripeEvents.status }).from(schema.stripeEvents),
    db().select().from(schema.customers),
  ]);
  return JSON.stringify(
    {
      subscriptions: strip(subs, ["createdAt", "updatedAt"]),
      checkoutSessions: strip(
        sessions.map((s) => ({ ...s, fulfilledAt: Boolean(s.fulfilledAt) })),
        ["createdAt", "updatedAt"],
      ),
      payments: strip(pays, ["id", "createdAt", "updatedAt"]),
      invoices: strip(invs, ["createdAt"]),
      audits: strip(audits, ["id", "createdAt"]),
      jobEvents: strip(jobs, ["createdAt", "dispatchedAt", "status"]),
      stripeEvents: strip(events, []),
      customers: strip(customers, ["createdAt"]),
    },
    null,
    1,
  );
}

/** Forgets what webhooks wrote (keeps users, customers and started checkouts) to replay a stream. */
export async function resetEventEffects(): Promise<void> {
  await db().execute(
    sql`truncate subscriptions, payments, invoices, audits, job_events, stripe_events, audit_log restart identity cascade`,
  );
  await db()
    .update(schema.checkoutSessions)
    .set({ status: "open", paymentStatus: "unpaid", subscriptionId: null, fulfilledAt: null });
}
