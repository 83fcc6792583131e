import { describe, expect, it } from "vitest";
import type Stripe from "stripe";
import { payCheckout, seedCatalog } from "./testing";
import { CATALOG_EVENTS, DAY, PAID, periodEnd, types, useFlowBed } from "./flows-helpers";

/** Event sequences for checkout, renewal, trial, paused collection and refunds, verified at a local receiver. */
const f = useFlowBed();

describe("event sequences: lifecycle", () => {
  it("subscription checkout", async () => {
    const { sub, session } = await f.subscribe();
    const events = await f.received();
    expect(types(events)).toEqual([
      ...CATALOG_EVENTS,
      "customer.created",
      "checkout.session.completed",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      ...PAID,
    ]);
    for (const e of events)
      expect(e).toMatchObject({ object: "event", livemode: false, api_version: f.bed.emu.apiVersion });
    const completed = events.find((e) => e.type === "checkout.session.completed")?.data
      .object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({
      id: session.id,
      subscription: sub.id,
      payment_status: "paid",
      customer: sub.customer,
    });
    const created = events.find((e) => e.type === "invoice.created")?.data.object as Stripe.Invoice;
    expect(created.status).toBe("draft");
    const paid = events.find((e) => e.type === "invoice.paid")?.data.object as Stripe.Invoice;
    expect(paid).toMatchObject({ status: "paid", amount_paid: 7800 });
    expect(paid.lines.data.map((l) => l.amount)).toEqual([2900, 4900]);
  });

  it("renewal", async () => {
    const { sub } = await f.subscribe();
    await f.received();
    const end = periodEnd(sub);
    f.bed.emu.advance(end - f.bed.emu.now());
    const events = await f.received();
    expect(types(events)).toEqual(["customer.subscription.updated", "invoice.created", "invoice.finalized", ...PAID]);
    const prev = events[0]?.data.previous_attributes as Partial<Stripe.Subscription>;
    expect(prev.items?.data[0]?.current_period_end).toBe(end);
    const renewed = await f.stripe.subscriptions.retrieve(sub.id);
    expect(renewed.items.data[0]?.current_period_start).toBe(end);
    expect(renewed.status).toBe("active");
    const invoice = events[1]?.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({ billing_reason: "subscription_cycle", amount_due: 2900 });
  });

  it("refund", async () => {
    const { sub } = await f.subscribe();
    await f.received();
    const invoice = await f.stripe.invoices.retrieve(sub.latest_invoice as string, { expand: ["payments"] });
    const refund = await f.stripe.refunds.create({
      payment_intent: invoice.payments?.data[0]?.payment.payment_intent as string,
      amount: 4900,
    });
    const events = await f.received();
    expect(types(events)).toEqual(["charge.refunded", "refund.created"]);
    expect(events[0]?.data.object).toMatchObject({ amount_refunded: 4900, refunded: false });
    expect(events[0]?.data.previous_attributes).toMatchObject({ amount_refunded: 0 });
    expect(events[1]?.data.object).toMatchObject({ id: refund.id, amount: 4900, status: "succeeded" });
  });

  it("trial: trial_will_end three days before the end, then the first charge", async () => {
    const { sub } = await f.subscribe("4242424242424242", { subscription_data: { trial_period_days: 7 } });
    expect(sub.status).toBe("trialing");
    const checkout = await f.received();
    expect((checkout.find((e) => e.type === "invoice.paid")?.data.object as Stripe.Invoice).amount_paid).toBe(4900);
    f.bed.emu.advance(3 * DAY);
    expect(types(await f.received())).toEqual([]);
    f.bed.emu.advance(2 * DAY);
    const warn = await f.received();
    expect(types(warn)).toEqual(["customer.subscription.trial_will_end"]);
    f.bed.emu.advance(2 * DAY + 60);
    const end = await f.received();
    expect(types(end)).toEqual(["customer.subscription.updated", "invoice.created", "invoice.finalized", ...PAID]);
    expect(end[0]?.data.object).toMatchObject({ status: "active" });
    expect(end[0]?.data.previous_attributes).toMatchObject({ status: "trialing" });
  });

  it("paused collection voids the renewal invoice without charging, until resumes_at", async () => {
    const { sub } = await f.subscribe();
    await f.received();
    const end = periodEnd(sub);
    const after = await f.stripe.subscriptions.update(sub.id, {
      pause_collection: { behavior: "void", resumes_at: end + 10 * DAY },
    });
    expect(after.pause_collection).toEqual({ behavior: "void", resumes_at: end + 10 * DAY });
    await f.received();
    f.bed.emu.advance(end - f.bed.emu.now());
    const paused = await f.received();
    expect(types(paused)).toEqual([
      "customer.subscription.updated",
      "invoice.created",
      "invoice.finalized",
      "invoice.voided",
      "invoice.updated",
    ]);
    const renewed = await f.stripe.subscriptions.retrieve(sub.id);
    f.bed.emu.advance(periodEnd(renewed) - f.bed.emu.now());
    const resumed = await f.received();
    expect(types(resumed)).toEqual([
      "customer.subscription.updated",
      "customer.subscription.updated",
      "invoice.created",
      "invoice.finalized",
      ...PAID,
    ]);
    expect(resumed[1]?.data.previous_attributes).toMatchObject({ pause_collection: { behavior: "void" } });
  });

  it("payment-mode checkout", async () => {
    const { setupFee } = await seedCatalog(f.stripe);
    const session = await f.stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price: setupFee.id, quantity: 2 }],
      customer_creation: "always",
      success_url: "http://app.test/ok",
    });
    await payCheckout(session.url as string, "4242424242424242");
    const events = (await f.received()).filter((e) => !e.type.startsWith("pr"));
    expect(types(events)).toEqual([
      "customer.created",
      "checkout.session.completed",
      "payment_intent.succeeded",
      "charge.succeeded",
    ]);
    expect(events[2]?.data.object).toMatchObject({ amount: 9800, status: "succeeded" });
  });
});
