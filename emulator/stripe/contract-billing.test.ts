import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { payCheckout, seedCatalog, startTestBed } from "./testing";
import { expectStripeError } from "./expect-stripe-error";

let bed: Awaited<ReturnType<typeof startTestBed>>;
let stripe: Stripe;

beforeAll(async () => {
  bed = await startTestBed();
  stripe = bed.stripe;
});
afterAll(() => bed.close());
beforeEach(async () => {
  await bed.reset();
});

describe("checkout sessions", () => {
  it("creates a subscription session with a setup fee, expands line items, and completes through the hosted page", async () => {
    const { monthly, setupFee } = await seedCatalog(stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [
        { price: monthly.id, quantity: 1 },
        { price: setupFee.id, quantity: 1 },
      ],
      customer_email: "buyer@example.com",
      client_reference_id: "user_42",
      metadata: { userId: "42" },
      subscription_data: { metadata: { userId: "42" } },
      success_url: "http://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://app.test/billing",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      status: "open",
      payment_status: "unpaid",
      amount_total: 7800,
      client_reference_id: "user_42",
    });
    expect(session.url).toBe(`${bed.emu.url}/checkout/${session.id}`);
    const withItems = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items"] });
    expect(withItems.line_items?.data.map((l) => l.amount_total)).toEqual([2900, 4900]);
    expect((await stripe.checkout.sessions.listLineItems(session.id, { limit: 1 })).has_more).toBe(true);

    const page = await fetch(session.url as string);
    const html = await page.text();
    expect(html).toContain("$78.00");
    expect(html).toContain("Setup fee");

    const paid = await payCheckout(session.url as string, "4242 4242 4242 4242");
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`http://app.test/billing/success?session_id=${session.id}`);

    const done = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["subscription", "subscription.latest_invoice"],
    });
    expect(done).toMatchObject({ status: "complete", payment_status: "paid" });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub.id).toMatch(/^sub_/);
    expect(sub).toMatchObject({ status: "active", metadata: { userId: "42" }, customer: done.customer });
    expect(sub.items.data[0]?.current_period_end).toBeGreaterThan(sub.items.data[0]?.current_period_start as number);
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.id).toMatch(/^in_/);
    expect(invoice).toMatchObject({ status: "paid", amount_paid: 7800, billing_reason: "subscription_create" });
    expect(invoice.hosted_invoice_url).toBe(`${bed.emu.url}/invoice/${invoice.id}`);
    const pdf = await fetch(invoice.invoice_pdf as string);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await pdf.text()).startsWith("%PDF-1.4")).toBe(true);

    const withPayments = await stripe.invoices.retrieve(invoice.id, { expand: ["payments"] });
    const piId = withPayments.payments?.data[0]?.payment.payment_intent as string;
    expect(piId).toMatch(/^pi_/);
    const pi = await stripe.paymentIntents.retrieve(piId, { expand: ["latest_charge"] });
    expect(pi).toMatchObject({ status: "succeeded", amount: 7800 });
    expect((pi.latest_charge as Stripe.Charge).id).toMatch(/^ch_/);
    expect((await stripe.customers.retrieve(done.customer as string)) as Stripe.Customer).toMatchObject({
      email: "buyer@example.com",
    });
    expect((await stripe.subscriptions.list({ customer: done.customer as string })).data).toHaveLength(1);
    expect((await stripe.invoices.list({ customer: done.customer as string })).data).toHaveLength(1);
    expect((await stripe.charges.list({ customer: done.customer as string })).data).toHaveLength(1);
    expect((await stripe.paymentIntents.list({ customer: done.customer as string })).data).toHaveLength(1);
  });

  it("shows declines on the page and lets the buyer retry; 3DS shows a challenge", async () => {
    const { monthly } = await seedCatalog(stripe);
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: monthly.id, quantity: 1 }],
      success_url: "http://app.test/ok",
    });
    const declined = await payCheckout(session.url as string, "4000 0000 0000 0002");
    expect(declined.status).toBe(402);
    expect(declined.html).toContain("Your card was declined.");
    const poor = await payCheckout(session.url as string, "4000000000009995");
    expect(poor.html).toContain("insufficient funds");
    const invalidCard = await payCheckout(session.url as string, "4242424242424241");
    expect(invalidCard.html).toContain("Your card number is invalid.");
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");

    const challenge = await payCheckout(session.url as string, "4000002500003155");
    expect(challenge.status).toBe(303);
    expect(challenge.location).toBe(`/checkout/${session.id}/3ds`);
    const failed = await fetch(`${session.url}/3ds`, {
      method: "POST",
      body: new URLSearchParams({ action: "fail" }),
      redirect: "manual",
    });
    expect(await failed.text()).toContain("unable to authenticate");
    await payCheckout(session.url as string, "4000002500003155");
    const ok = await fetch(`${session.url}/3ds`, {
      method: "POST",
      body: new URLSearchParams({ action: "complete" }),
      redirect: "manual",
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("http://app.test/ok");
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("complete");
  });

  it("expires sessions on request and when the clock passes expires_at", async () => {
    const { setupFee } = await seedCatalog(stripe);
    const s1 = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price: setupFee.id, quantity: 1 }],
    });
    expect((await stripe.checkout.sessions.expire(s1.id)).status).toBe("expired");
    await expectStripeError(stripe.checkout.sessions.expire(s1.id), { status: 400, type: "invalid_request_error" });
    const page = await fetch(`${bed.emu.url}/checkout/${s1.id}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("expired");
    const s2 = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price: setupFee.id, quantity: 1 }],
      expires_at: bed.emu.now() + 3600,
    });
    bed.emu.advance(7200);
    expect((await stripe.checkout.sessions.retrieve(s2.id)).status).toBe("expired");
    await expectStripeError(
      stripe.checkout.sessions.create({
        mode: "payment",
        line_items: [{ price: setupFee.id, quantity: 1 }],
        expires_at: bed.emu.now() + 60,
      }),
      {
        status: 400,
        type: "invalid_request_error",
        param: "expires_at",
      },
    );
  });
});

describe("subscriptions, refunds, portal, events", () => {
  it("updates, cancels and lists subscriptions; refunds fully and partially; creates portal sessions; lists events", async () => {
    const { monthly, yearly } = await seedCatalog(stripe);
    const customer = await stripe.customers.create({ email: "sub@example.com" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price: monthly.id, quantity: 1 }],
    });
    await payCheckout(session.url as string, "4242424242424242");
    const subId = (await stripe.checkout.sessions.retrieve(session.id)).subscription as string;
    const sub = await stripe.subscriptions.update(subId, { cancel_at_period_end: true });
    expect(sub.cancel_at_period_end).toBe(true);
    expect(sub.cancel_at).toBe(sub.items.data[0]?.current_period_end);
    const resumed = await stripe.subscriptions.update(subId, { cancel_at_period_end: false });
    expect(resumed.cancel_at).toBeNull();
    const paused = await stripe.subscriptions.update(subId, { pause_collection: { behavior: "void" } });
    expect(paused.pause_collection?.behavior).toBe("void");
    await stripe.subscriptions.update(subId, { pause_collection: "" });
    const switched = await stripe.subscriptions.update(subId, {
      items: [{ id: sub.items.data[0]?.id, price: yearly.id }],
      proration_behavior: "always_invoice",
    });
    expect(switched.items.data[0]?.price.id).toBe(yearly.id);
    expect(switched.items.data).toHaveLength(1);
    await expectStripeError(stripe.subscriptions.resume(subId), { status: 400, type: "invalid_request_error" });

    const invoices = await stripe.invoices.list({ subscription: subId });
    expect(invoices.data.map((i) => i.billing_reason)).toEqual(["subscription_update", "subscription_create"]);
    const firstInvoice = invoices.data[1] as Stripe.Invoice;
    const pi = (await stripe.invoices.retrieve(firstInvoice.id, { expand: ["payments"] })).payments?.data[0]?.payment
      .payment_intent as string;
    const partial = await stripe.refunds.create({ payment_intent: pi, amount: 900, reason: "requested_by_customer" });
    expect(partial.id).toMatch(/^re_/);
    expect(partial.amount).toBe(900);
    const rest = await stripe.refunds.create({ charge: partial.charge as string });
    expect(rest.amount).toBe(2000);
    await expectStripeError(stripe.refunds.create({ payment_intent: pi }), {
      status: 400,
      type: "invalid_request_error",
      code: "charge_already_refunded",
    });
    expect((await stripe.refunds.retrieve(rest.id)).status).toBe("succeeded");
    expect((await stripe.refunds.list({ payment_intent: pi })).data).toHaveLength(2);
    expect((await stripe.charges.retrieve(partial.charge as string)).refunded).toBe(true);

    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: "http://app.test/account",
    });
    expect(portal.id).toMatch(/^bps_/);
    expect(portal.url).toBe(`${bed.emu.url}/portal/${portal.id}`);
    const portalHtml = await (await fetch(portal.url)).text();
    expect(portalHtml).toContain("sub@example.com");
    expect(portalHtml).toContain("http://app.test/account");

    const canceled = await stripe.subscriptions.cancel(subId);
    expect(canceled).toMatchObject({ status: "canceled" });
    await expectStripeError(stripe.subscriptions.cancel(subId), {
      status: 404,
      type: "invalid_request_error",
      code: "resource_missing",
    });
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
    expect((await stripe.subscriptions.list({ customer: customer.id, status: "all" })).data).toHaveLength(1);
    await expectStripeError(stripe.subscriptions.update(subId, { metadata: { a: "b" } }), {
      status: 400,
      type: "invalid_request_error",
    });

    const events = await stripe.events.list({ type: "customer.subscription.*", limit: 100 });
    expect(events.data[0]?.type).toBe("customer.subscription.deleted");
    const evt = await stripe.events.retrieve(events.data[0]?.id as string);
    expect(evt).toMatchObject({ object: "event", livemode: false, api_version: Stripe.API_VERSION });
    expect((await stripe.events.list({ types: ["refund.created"] })).data).toHaveLength(2);
  });

  it("a webhook endpoint created through the API receives only its events, signed with its own secret", async () => {
    const { startReceiver } = await import("./testing");
    const receiver = await startReceiver("whsec_unknown_yet");
    try {
      const we = await stripe.webhookEndpoints.create({ url: receiver.url, enabled_events: ["customer.created"] });
      expect(we.id).toMatch(/^we_/);
      expect(we.secret).toMatch(/^whsec_/);
      expect((await stripe.webhookEndpoints.retrieve(we.id)).secret).toBeUndefined();
      receiver.secret = we.secret as string;
      await stripe.customers.create({ email: "hook@example.com" });
      await stripe.products.create({ name: "not for this endpoint" });
      await bed.emu.idle();
      expect(receiver.events.map((e) => e.type)).toEqual(["customer.created"]);
      expect(receiver.rejected).toBe(0);
      expect(bed.receiver.events.map((e) => e.type)).toEqual(["customer.created", "product.created"]);
      await stripe.webhookEndpoints.del(we.id);
      await stripe.customers.create({ email: "after@example.com" });
      await bed.emu.idle();
      expect(receiver.events).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});

describe("inline prices and nested expansion", () => {
  it("accepts price_data in checkout, lists subscription items and expands items.data.price.product", async () => {
    const product = await stripe.products.create({ name: "Inline" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [
        {
          price_data: { currency: "eur", unit_amount: 1500, product: product.id, recurring: { interval: "month" } },
          quantity: 2,
        },
      ],
    });
    expect(session).toMatchObject({ amount_total: 3000, currency: "eur" });
    await payCheckout(session.url as string, "4242424242424242");
    const subId = (await stripe.checkout.sessions.retrieve(session.id)).subscription as string;
    const sub = await stripe.subscriptions.retrieve(subId, { expand: ["items.data.price.product", "latest_invoice"] });
    const item = sub.items.data[0] as Stripe.SubscriptionItem;
    expect(item.quantity).toBe(2);
    expect((item.price.product as Stripe.Product).name).toBe("Inline");
    expect(item.price.active).toBe(false);
    expect((sub.latest_invoice as Stripe.Invoice).amount_paid).toBe(3000);
    const items = await stripe.subscriptionItems.list({ subscription: subId });
    expect(items.data.map((i) => i.id)).toEqual([item.id]);
  });
});

describe("subscription items and cancel_at", () => {
  it("an items entry without id adds an item (as on Stripe), deleted removes one, cancel_at ends mid-period", async () => {
    const { product, monthly, yearly } = await seedCatalog(stripe);
    const addon = await stripe.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 500,
      recurring: { interval: "month" },
    });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price: monthly.id, quantity: 1 }],
    });
    await payCheckout(session.url as string, "4242424242424242");
    const subId = (await stripe.checkout.sessions.retrieve(session.id)).subscription as string;
    const two = await stripe.subscriptions.update(subId, { items: [{ price: addon.id }] });
    expect(two.items.data.map((i) => i.price.id)).toEqual([monthly.id, addon.id]);
    await expectStripeError(stripe.subscriptions.update(subId, { items: [{ price: yearly.id }] }), {
      status: 400,
      type: "invalid_request_error",
      param: "items[0][price]",
    });
    const one = await stripe.subscriptions.update(subId, { items: [{ id: two.items.data[1]?.id, deleted: true }] });
    expect(one.items.data.map((i) => i.price.id)).toEqual([monthly.id]);
    await expectStripeError(
      stripe.subscriptions.update(subId, { items: [{ id: one.items.data[0]?.id, deleted: true }] }),
      { status: 400, type: "invalid_request_error" },
    );

    const at = bed.emu.now() + 5 * 86400;
    expect((await stripe.subscriptions.update(subId, { cancel_at: at })).cancel_at).toBe(at);
    bed.emu.advance(6 * 86400);
    expect(await stripe.subscriptions.retrieve(subId)).toMatchObject({ status: "canceled", ended_at: at });
  });
});
