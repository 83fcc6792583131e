import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { payCheckout, seedCatalog, startTestBed } from "./testing";

/**
 * Every top-level key of Stripe's own example objects (fixtures3.json, shared
 * beside the repo) must be present on the emulator's objects. The key lists are
 * kept in fixtures/ so the test also runs where the shared file is absent; when
 * it is present the copy is checked against it.
 */
const KEYS_FILE = path.join(import.meta.dirname, "fixtures/stripe-fixture-keys.json");
const SHARED = path.resolve(import.meta.dirname, "../../../shared/stripe/fixtures3.json");
const expected = JSON.parse(fs.readFileSync(KEYS_FILE, "utf8")) as Record<string, string[]>;

let bed: Awaited<ReturnType<typeof startTestBed>>;
const wire: Record<string, Record<string, unknown>> = {};

async function raw(p: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${bed.emu.url}${p}`, { headers: { authorization: "Bearer sk_test_emulator" } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  bed = await startTestBed();
  const stripe = bed.stripe;
  const { product, monthly, setupFee } = await seedCatalog(stripe);
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [
      { price: monthly.id, quantity: 1 },
      { price: setupFee.id, quantity: 1 },
    ],
    success_url: "http://app.test/ok",
  });
  await payCheckout(session.url as string, "4242424242424242");
  const done = await stripe.checkout.sessions.retrieve(session.id);
  const sub = await stripe.subscriptions.retrieve(done.subscription as string);
  const invoice = await stripe.invoices.retrieve(sub.latest_invoice as string, { expand: ["payments"] });
  const pi = await stripe.paymentIntents.retrieve(invoice.payments?.data[0]?.payment.payment_intent as string);
  const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
  const portal = await stripe.billingPortal.sessions.create({
    customer: done.customer as string,
    return_url: "http://app.test",
  });
  const event = (await stripe.events.list({ limit: 1 })).data[0] as Stripe.Event;
  Object.assign(wire, {
    "checkout.session": await raw(`/v1/checkout/sessions/${session.id}`),
    customer: await raw(`/v1/customers/${done.customer as string}`),
    subscription: await raw(`/v1/subscriptions/${sub.id}`),
    invoice: await raw(`/v1/invoices/${invoice.id}`),
    payment_intent: await raw(`/v1/payment_intents/${pi.id}`),
    charge: await raw(`/v1/charges/${pi.latest_charge as string}`),
    refund: await raw(`/v1/refunds/${refund.id}`),
    event: await raw(`/v1/events/${event.id}`),
    price: await raw(`/v1/prices/${monthly.id}`),
    product: await raw(`/v1/products/${product.id}`),
    "billing_portal.session": portal as unknown as Record<string, unknown>,
  });
});
afterAll(() => bed.close());

describe("object fidelity against Stripe's example objects", () => {
  it("the committed key lists match the shared fixtures file when it is available", () => {
    if (!fs.existsSync(SHARED)) return;
    const resources = (JSON.parse(fs.readFileSync(SHARED, "utf8")) as { resources: Record<string, object> }).resources;
    for (const [name, keys] of Object.entries(expected))
      expect(keys, name).toEqual(Object.keys(resources[name] ?? {}).sort());
  });

  for (const name of Object.keys(expected)) {
    it(`${name} has every top-level key of Stripe's example`, () => {
      const obj = wire[name];
      expect(obj, name).toBeDefined();
      const missing = (expected[name] ?? []).filter((k) => !(k in (obj as object)));
      expect(missing, `${name} is missing keys`).toEqual([]);
      expect(obj?.object).toBe(name);
    });
  }
});
